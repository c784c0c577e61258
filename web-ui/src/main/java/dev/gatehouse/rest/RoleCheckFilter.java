package dev.gatehouse.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Least privilege for the API. Every resource method must declare {@link RequiresRole} on itself
 * or its class; a method without one is refused, so forgetting the annotation fails closed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheckFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

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
        if (required.value().length > 0 && Arrays.stream(required.value()).noneMatch(security::isUserInRole)) {
            request.abortWith(error(403, "forbidden", "This operation needs one of the roles " + String.join(", ", required.value()) + "."));
        }
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, message)).build();
    }
}
