package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.masking.MaskingDryRun;
import dev.gatehouse.masking.MaskingRuleCatalog;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/masking-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "masking", description = "Masking rules (what to mask in results, how, where and for whom), tokenization keys,"
        + " time-bound unmask grants, coverage per connection, and a dry run")
@RequiresRole(RequiresRole.ADMIN)
public class MaskingRulesResource {

    @Inject
    MaskingRuleCatalog rules;

    @Inject
    MaskingDryRun dryRun;

    @Inject
    CurrentIdentity current;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Every masking rule, in the order the data path applies them")
    public List<MaskingRuleView> list() {
        return rules.list().stream().map(MaskingRuleView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Read one rule; 404 when unknown")
    public MaskingRuleView get(@PathParam("id") String id) {
        return MaskingRuleView.of(rules.get(RequestChecks.parseId(id, "rule")));
    }

    @POST
    @Operation(summary = "Create a rule (at the end of the order unless position is given); 400 with field errors when invalid")
    public Response create(MaskingRuleRequest request, @Context UriInfo uri) {
        MaskingRuleView created = MaskingRuleView.of(rules.create(RequestChecks.requireBody(request).toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a rule's fields; 400 with field errors when invalid")
    public MaskingRuleView update(@PathParam("id") String id, MaskingRuleRequest request) {
        return MaskingRuleView.of(rules.update(RequestChecks.parseId(id, "rule"), RequestChecks.requireBody(request).toDraft()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a rule; it stops applying at once")
    public Response delete(@PathParam("id") String id) {
        rules.delete(RequestChecks.parseId(id, "rule"));
        return Response.noContent().build();
    }

    @POST
    @Path("/dry-run")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "What does this row become? Masks one row's text-format values as the data path would, for an identity on a"
            + " connection, and names the rules that fired; nothing is stored. 400 with field errors when the input is invalid")
    public MaskingDryRun.Outcome dryRun(MaskingDryRunRequest request) {
        if (request == null) {
            throw new ValidationFailedException(List.of(new FieldError("body", "a JSON object is required")));
        }
        return dryRun.run(request.connection, request.identityOr(current.require()), request.sampleColumns());
    }
}
