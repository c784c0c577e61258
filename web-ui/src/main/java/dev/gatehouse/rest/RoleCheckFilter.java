package dev.gatehouse.rest;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.identity.IdentityClaims;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege for the API. Every resource method must declare {@link RequiresRole} on itself
 * or its class; a method without one is refused, so forgetting the annotation fails closed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheckFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    CurrentIdentity current;

    @Inject
    CurrentActor actor;

    @Inject
    RefusalAudit refusals;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        if (resource.getResourceClass() == RoutingProbeResource.class) {
            // The readiness check's own request: no credential, and the probe answers only its secret.
            return;
        }
        RequiresRole required = method.isAnnotationPresent(RequiresRole.class)
                ? method.getAnnotation(RequiresRole.class)
                : resource.getResourceClass().getAnnotation(RequiresRole.class);
        var security = request.getSecurityContext();
        if (security == null || security.getUserPrincipal() == null) {
            request.abortWith(error(401, "missing_token", "Authentication required."));
            return;
        }
        if (required == null) {
            request.abortWith(error(403, "forbidden", "This operation declares no role and is closed."));
            return;
        }
        if (required.value().length > 0 && Arrays.stream(required.value()).noneMatch(security::isUserInRole)
                && agentWantingAPersonsPower(request, required)) {
            return;
        }
        if (required.value().length > 0 && Arrays.stream(required.value()).noneMatch(security::isUserInRole)) {
            request.abortWith(error(403, "forbidden", "This operation needs one of the roles " + String.join(", ", required.value()) + "."));
        }
    }

    /**
     * Issue 17: agents never hold a person's roles (approver, auditor, admin), whatever Keycloak says.
     * Their refusal is answered with the reason and recorded, as evidence for C6.
     */
    private boolean agentWantingAPersonsPower(ContainerRequestContext request, RequiresRole required) {
        Identity who = current.get().orElse(null);
        if (who == null || who.kind() != IdentityKind.AGENT
                || !Arrays.stream(required.value()).allMatch(IdentityClaims.PERSON_ROLES::contains)) {
            return false;
        }
        // Only an agent whose token claims such a role (Keycloak changed behind Gatehouse's back) is a
        // refusal worth recording; any other agent is simply outside the operation's roles.
        Set<String> claimed = claimedPersonRoles(request);
        if (Arrays.stream(required.value()).noneMatch(claimed::contains)) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        refusals.record(actor.get(), "authorization.refused", "api", request.getMethod() + " " + path, who.displayName(),
                Map.of("reason", "service_account", "requiredRoles", List.of(required.value())));
        request.abortWith(error(403, "service_account", "Agents (service accounts) cannot act as " + String.join(" or ", required.value())
                + ": decisions, sign-offs, hold releases and administration are made by people."));
        return true;
    }

    /** The person roles the bearer token claims; it was verified by the authentication mechanism for this request. */
    private static Set<String> claimedPersonRoles(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Set.of();
        }
        try {
            return IdentityClaims.ignoredAgentRoles(SignedJWT.parse(header.substring(7).trim()).getJWTClaimsSet());
        } catch (ParseException notAJwt) {
            // A Gatehouse token (ght_...) is opaque: its roles were taken from a verified token already.
            return Set.of();
        }
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, message)).build();
    }
}
