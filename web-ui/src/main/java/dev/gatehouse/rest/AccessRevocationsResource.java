package dev.gatehouse.rest;

import dev.gatehouse.accessreview.AccessReviews;
import dev.gatehouse.audit.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Access that access reviews revoked; admins lift a revocation so the identity may connect again. */
@Path("/access-revocations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "access-reviews")
@RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
public class AccessRevocationsResource {

    @Inject
    AccessReviews reviews;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "Revocations, newest first; only the live ones with live=true")
    public List<AccessRevocationView> list(@Parameter(description = "true: only revocations not lifted") @QueryParam("live") boolean live) {
        return reviews.revocations(live).stream().map(AccessRevocationView::of).toList();
    }

    @POST
    @Path("/{id}/lift")
    @RequiresRole(RequiresRole.ADMIN)
    @Operation(summary = "Lift a revocation (admins): the identity may connect again at once; 409 already_lifted")
    public AccessRevocationView lift(@PathParam("id") String id) {
        return AccessRevocationView.of(reviews.lift(RequestChecks.parseId(id, "revocation"), actor.get()));
    }
}
