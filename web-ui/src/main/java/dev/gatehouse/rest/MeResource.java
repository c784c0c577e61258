package dev.gatehouse.rest;

import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole
@Tag(name = "identity")
public class MeResource {

    @Inject
    CurrentIdentity current;

    public record IdentityView(String subject, String username, String clientId, String kind, Set<String> roles, Set<String> groups,
            String tokenId, Instant authTime, Instant expiresAt, String authMethod) {

        static IdentityView of(Identity i) {
            return new IdentityView(i.subject(), i.username(), i.clientId(), i.kind().wireName(), i.roles(), i.groups(), i.tokenId(),
                    i.authTime(), i.expiresAt(), i.authMethod());
        }
    }

    @GET
    @Operation(summary = "Who the presented token says you are (human or agent, roles, how authenticated)")
    public IdentityView me() {
        return IdentityView.of(current.require());
    }
}
