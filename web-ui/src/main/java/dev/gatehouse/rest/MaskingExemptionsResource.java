package dev.gatehouse.rest;

import dev.gatehouse.masking.UnmaskGrants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/masking-exemptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "masking")
@RequiresRole(RequiresRole.ADMIN)
public class MaskingExemptionsResource {

    @Inject
    UnmaskGrants grants;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Unmask grants, newest first")
    public List<MaskingExemptionView> list(@Parameter(description = "true: only active and scheduled grants") @QueryParam("open") String open) {
        return grants.list("true".equalsIgnoreCase(open)).stream().map(MaskingExemptionView::of).toList();
    }

    @POST
    @Operation(summary = "Grant an identity the clear values of some rules for a bounded time; 400 with field errors when invalid")
    public Response grant(MaskingExemptionRequest request, @Context UriInfo uri) {
        MaskingExemptionView created = MaskingExemptionView.of(grants.grant(RequestChecks.requireBody(request).toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "End a grant now; revoking twice changes nothing")
    public MaskingExemptionView revoke(@PathParam("id") String id) {
        return MaskingExemptionView.of(grants.revoke(RequestChecks.parseId(id, "exemption")));
    }
}
