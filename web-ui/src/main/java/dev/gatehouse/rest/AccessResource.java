package dev.gatehouse.rest;

import dev.gatehouse.access.AccessService;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.AccessDecision;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/access")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole
@Tag(name = "identity")
public class AccessResource {

    @Inject
    AccessService access;

    @Inject
    CurrentIdentity current;

    public record DecisionView(String connection, boolean allowed, String reason, String matchedEntry) {
    }

    @GET
    @Path("/{connection}")
    @Operation(summary = "May I use this connection? The same decision the data path takes; it is recorded")
    public DecisionView decide(@PathParam("connection") String connection) {
        AccessDecision decision = access.decide(current.require(), connection);
        return new DecisionView(connection, decision.allowed(), decision.reason(), decision.matchedEntry());
    }
}
