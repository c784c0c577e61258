package dev.gatehouse.rest;

import dev.gatehouse.approvals.ApprovalChains;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.workflow.chain.MalformedChainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Approval chains: {@code default}, a chain name that REQUIRE_APPROVAL guardrail rules reference, or
 * one connection's ({@code /connections/{name}}). The body is the chain's JSON (docs/approvals.md).
 */
@Path("/approval-chains")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
@RequiresRole(RequiresRole.ADMIN)
public class ApprovalChainsResource {

    @Inject
    ApprovalChains chains;

    @Inject
    CurrentActor actor;

    @GET
    @Path("/{name}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "The chain stored as 'default' or under a name rules reference; 404 when none is stored")
    public Response get(@PathParam("name") String name) {
        return stored(name);
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Store 'default' or a named chain; 400 malformed_chain naming the step and field, and nothing changes")
    public Response put(@PathParam("name") String name, String definition) {
        return store(name, definition);
    }

    @GET
    @Path("/connections/{connection}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "The chain stored for one connection; 404 when it falls back to 'default'")
    public Response getForConnection(@PathParam("connection") String connection) {
        return stored(ApprovalChains.CONNECTION_PREFIX + connection);
    }

    @PUT
    @Path("/connections/{connection}")
    @Operation(summary = "Store the chain of one connection's access, unmask and command reviews (unless the rule names a chain)")
    public Response putForConnection(@PathParam("connection") String connection, String definition) {
        return store(ApprovalChains.CONNECTION_PREFIX + connection, definition);
    }

    private Response stored(String scope) {
        String stored = chains.find(scope).orElseThrow(() -> new NotFoundException("no chain is stored for " + scope));
        return Response.ok(json(stored)).build();
    }

    private Response store(String scope, String definition) {
        try {
            return Response.ok(json(chains.put(scope, definition, actor.get()).toJson())).build();
        } catch (IllegalArgumentException e) {
            if (e instanceof MalformedChainException) {
                throw e;
            }
            throw new ValidationFailedException(List.of(new FieldError("scope", e.getMessage())));
        }
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
