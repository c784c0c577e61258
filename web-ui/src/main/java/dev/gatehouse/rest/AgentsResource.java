package dev.gatehouse.rest;

import dev.gatehouse.agents.Agent;
import dev.gatehouse.agents.AgentDraft;
import dev.gatehouse.agents.AgentRegistry;
import dev.gatehouse.agents.RegisteredAgent;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(RequiresRole.ADMIN)
@Tag(name = "agents", description = "Non-human identities: Keycloak service-account clients managed by Gatehouse")
public class AgentsResource {

    @Inject
    AgentRegistry registry;

    /** Body of POST /agents. */
    @Schema(name = "AgentRequest")
    public static class AgentRequest {
        @Schema(description = "Client id of the new agent", example = "nightly-etl", required = true)
        public String name;
        @Schema(description = "What the agent is for")
        public String description;
        @Schema(description = "Realm roles for its service account", example = "[\"gatehouse-user\"]")
        public Set<String> roles;
        @Schema(description = "Connections it may use (adds client:<name> to their allow lists)")
        public Set<String> connections;
    }

    /** An agent as listed; {@code clientSecret} is present only right after registration or rotation. */
    @Schema(name = "Agent")
    public record AgentView(String clientId, String description, boolean enabled, String kind, Set<String> roles,
            Set<String> connections, String createdBy, String clientSecret) {

        static AgentView of(Agent a) {
            return new AgentView(a.clientId(), a.description(), a.enabled(), "agent", a.roles(), a.connections(), a.createdBy(), null);
        }

        static AgentView withSecret(RegisteredAgent r) {
            Agent a = r.agent();
            return new AgentView(a.clientId(), a.description(), a.enabled(), "agent", a.roles(), a.connections(), a.createdBy(), r.clientSecret());
        }
    }

    @GET
    @Operation(summary = "List agents")
    public List<AgentView> list() {
        return registry.list().stream().map(AgentView::of).toList();
    }

    @GET
    @Path("/{clientId}")
    @Operation(summary = "Read one agent")
    public AgentView get(@PathParam("clientId") String clientId) {
        return AgentView.of(registry.get(clientId));
    }

    @POST
    @Operation(summary = "Register an agent; the response shows its client secret once")
    public Response register(AgentRequest request) {
        if (request == null) {
            throw new ValidationFailedException(List.of(new FieldError("body", "a JSON object is required")));
        }
        RegisteredAgent registered = registry.register(new AgentDraft(request.name, request.description, request.roles, request.connections));
        return Response.status(201).entity(AgentView.withSecret(registered)).build();
    }

    @POST
    @Path("/{clientId}/disable")
    @Operation(summary = "Disable an agent; its live tokens are refused within the agent-status cache lifetime")
    public AgentView disable(@PathParam("clientId") String clientId) {
        return AgentView.of(registry.setEnabled(clientId, false));
    }

    @POST
    @Path("/{clientId}/enable")
    @Operation(summary = "Enable an agent again")
    public AgentView enable(@PathParam("clientId") String clientId) {
        return AgentView.of(registry.setEnabled(clientId, true));
    }

    @POST
    @Path("/{clientId}/rotate-secret")
    @Operation(summary = "Issue a new client secret; the old one stops working at once")
    public AgentView rotate(@PathParam("clientId") String clientId) {
        return AgentView.withSecret(registry.rotateSecret(clientId));
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Delete an agent and remove its connection grants")
    public Response delete(@PathParam("clientId") String clientId) {
        registry.delete(clientId);
        return Response.noContent().build();
    }
}
