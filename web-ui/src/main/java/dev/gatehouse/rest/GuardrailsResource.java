package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.guardrails.GuardrailCatalog;
import dev.gatehouse.guardrails.GuardrailDryRun;
import dev.gatehouse.guardrails.StoredRule;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.RulePacks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/guardrails")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "guardrails", description = "Rules that allow, deny, alert on or send to approval what clients run on a connection;"
        + " rule packs; and a dry run of the decision")
@RequiresRole(RequiresRole.ADMIN)
public class GuardrailsResource {

    @Inject
    GuardrailCatalog guardrails;

    @Inject
    GuardrailDryRun dryRun;

    @Inject
    CurrentIdentity current;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "List rules in evaluation order: all, one connection's (connection=name) or the global ones (global=true)")
    public List<GuardrailRuleView> list(
            @Parameter(description = "Only this connection's own rules") @QueryParam("connection") String connection,
            @Parameter(description = "true: only the global rules") @QueryParam("global") String global) {
        if (connection != null && !connection.isBlank() && "true".equalsIgnoreCase(global)) {
            throw new ValidationFailedException(List.of(new FieldError("global", "cannot be combined with connection")));
        }
        List<StoredRule> rules;
        if ("true".equalsIgnoreCase(global)) {
            rules = guardrails.list(null);
        } else if (connection != null && !connection.isBlank()) {
            rules = guardrails.list(connection.trim());
        } else {
            rules = guardrails.list();
        }
        return views(rules);
    }

    @GET
    @Path("/{id}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Read one rule; 404 when unknown")
    public GuardrailRuleView get(@PathParam("id") String id) {
        return view(guardrails.get(RequestChecks.parseId(id, "rule")));
    }

    @POST
    @Operation(summary = "Create a rule at the end of its scope; 400 with field errors when invalid")
    public Response create(GuardrailRuleRequest request, @Context UriInfo uri) {
        GuardrailRuleView created = view(guardrails.create(RequestChecks.requireBody(request).toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a rule's fields; its position stays unless it moves to another scope")
    public GuardrailRuleView update(@PathParam("id") String id, GuardrailRuleRequest request) {
        return view(guardrails.update(RequestChecks.parseId(id, "rule"), RequestChecks.requireBody(request).toDraft()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a rule; the rules after it move up")
    public Response delete(@PathParam("id") String id) {
        guardrails.delete(RequestChecks.parseId(id, "rule"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/move")
    @Operation(summary = "Move a rule within its scope, to a position or one step up or down; answers the scope in its new order")
    public List<GuardrailRuleView> move(@PathParam("id") String id, GuardrailMoveRequest request) {
        UUID ruleId = RequestChecks.parseId(id, "rule");
        if (request == null || (request.position == null) == (request.direction == null)) {
            throw new ValidationFailedException(List.of(new FieldError("position", "give either position or direction (up, down)")));
        }
        int position;
        if (request.position != null) {
            position = request.position;
        } else {
            int current = guardrails.get(ruleId).position();
            position = switch (request.direction.trim().toLowerCase(Locale.ROOT)) {
                case "up" -> current - 1;
                case "down" -> current + 1;
                default -> throw new ValidationFailedException(List.of(new FieldError("direction", "must be up or down")));
            };
        }
        return views(guardrails.move(ruleId, position));
    }

    @GET
    @Path("/packs")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "The rule packs, with their descriptions and rules")
    public List<GuardrailPackView> packs() {
        return RulePacks.all().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new GuardrailPackView(e.getKey(), RulePacks.description(e.getKey()),
                        e.getValue().stream().map(GuardrailPackView.PackRuleView::of).toList()))
                .toList();
    }

    @POST
    @Path("/packs/{pack}/apply")
    @Operation(summary = "Copy a pack's rules to the end of a scope (a name already taken gets a -2, -3 ... suffix); answers the rules created")
    public Response applyPack(@PathParam("pack") String pack, GuardrailPackRequest request) {
        String connection = request == null ? null : request.connection;
        List<GuardrailRuleView> created = views(guardrails.applyPack(pack, connection));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/settings/{connection}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "A connection's guardrail settings")
    public GuardrailSettingsView settings(@PathParam("connection") String connection) {
        return new GuardrailSettingsView(connection, guardrails.allowUnparseable(connection));
    }

    @PUT
    @Path("/settings/{connection}")
    @Operation(summary = "Change a connection's guardrail settings")
    public GuardrailSettingsView changeSettings(@PathParam("connection") String connection, GuardrailSettingsView request) {
        if (request == null || request.allowUnparseable == null) {
            throw new ValidationFailedException(List.of(new FieldError("allowUnparseable", "is required")));
        }
        guardrails.setAllowUnparseable(connection, request.allowUnparseable);
        return new GuardrailSettingsView(connection, guardrails.allowUnparseable(connection));
    }

    @POST
    @Path("/dry-run")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "What would the data path decide about this SQL on this connection, for this identity, at this time?"
            + " Nothing is run; 400 with field errors when the input is invalid")
    public DryRunView dryRun(DryRunRequest request) {
        if (request == null) {
            throw new ValidationFailedException(List.of(new FieldError("body", "a JSON object is required")));
        }
        Instant at = instant(request.at);
        Identity who = request.identity == null ? current.require() : identity(request.identity);
        return DryRunView.of(dryRun.run(request.connection, request.sql, who, at));
    }

    /** A made-up identity to judge for: only what rules look at (kind, roles, client id) is filled. */
    private static Identity identity(DryRunRequest.DryRunIdentity body) {
        IdentityKind kind;
        try {
            kind = body.kind == null || body.kind.isBlank() ? IdentityKind.HUMAN : IdentityKind.valueOf(body.kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException(List.of(new FieldError("identity.kind", "unknown identity kind '" + body.kind + "'; one of HUMAN, AGENT")));
        }
        String clientId = body.clientId == null || body.clientId.isBlank() ? null : body.clientId.trim();
        String username = kind == IdentityKind.AGENT && clientId != null ? "service-account-" + clientId : "dry-run";
        return new Identity("dry-run", username, clientId, kind, body.roles == null ? Set.of() : Set.copyOf(body.roles), Set.of(),
                null, null, null, "dry-run");
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException(List.of(new FieldError("at", "is not an ISO-8601 instant such as 2025-01-06T10:00:00Z")));
        }
    }

    private GuardrailRuleView view(StoredRule rule) {
        return GuardrailRuleView.of(rule, guardrails.connectionNames());
    }

    private List<GuardrailRuleView> views(List<StoredRule> rules) {
        Map<UUID, String> names = guardrails.connectionNames();
        return rules.stream().map(rule -> GuardrailRuleView.of(rule, names)).toList();
    }
}
