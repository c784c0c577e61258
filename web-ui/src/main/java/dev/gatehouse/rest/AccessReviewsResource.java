package dev.gatehouse.rest;

import dev.gatehouse.accessreview.AccessReviews;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Periodic access reviews (control C4): auditors and admins open campaigns, admins decide items,
 * auditors sign them off. There is no per-connection owner model yet, so "owners" are the admins.
 */
@Path("/access-reviews")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "access-reviews", description = "Campaigns that list every identity's access per connection for confirmation or revocation")
@RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
public class AccessReviewsResource {

    @Inject
    AccessReviews reviews;

    @Inject
    CurrentActor actor;

    @POST
    @Operation(summary = "Open a campaign: lists, per connection in scope, every identity the allow list admits by role or client, every"
            + " live just-in-time grant and every open unmask exemption. 400 with field errors, 503 when Keycloak cannot be read")
    public Response open(AccessReviewRequest request) {
        RequestChecks.requireBody(request);
        var campaign = reviews.open(request.name, request.connections, dueAt(request.dueAt), actor.get());
        return Response.created(URI.create("access-reviews/" + campaign.id())).entity(AccessReviewView.of(campaign)).build();
    }

    @GET
    @Operation(summary = "Every campaign, newest first")
    public List<AccessReviewView> list() {
        return reviews.campaigns().stream().map(AccessReviewView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One campaign with its items")
    public AccessReviewView get(@PathParam("id") String id) {
        UUID campaignId = RequestChecks.parseId(id, "access review");
        return AccessReviewView.of(reviews.campaign(campaignId), reviews.items(campaignId));
    }

    @POST
    @Path("/{id}/items/{itemId}/decision")
    @RequiresRole(RequiresRole.ADMIN)
    @Operation(summary = "Confirm or revoke an item (admins). A revocation ends the identity's sessions on the connection and refuses new"
            + " ones until lifted; 409 self_review for one's own access, already_decided, campaign_closed")
    public ReviewDecisionView decide(@PathParam("id") String id, @PathParam("itemId") String itemId, ReviewDecisionRequest request) {
        RequestChecks.requireBody(request);
        return ReviewDecisionView.of(reviews.decide(RequestChecks.parseId(id, "access review"), RequestChecks.parseId(itemId, "item"),
                request.decision, request.comment, actor.get()));
    }

    @POST
    @Path("/{id}/close")
    @RequiresRole(RequiresRole.AUDITOR)
    @Operation(summary = "Sign a campaign off (auditors who decided none of its items); 409 items_pending or not_independent")
    public AccessReviewView close(@PathParam("id") String id, SignOffRequest request) {
        RequestChecks.requireBody(request);
        return AccessReviewView.of(reviews.close(RequestChecks.parseId(id, "access review"), request.signOff, actor.get()));
    }

    static Instant dueAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException(List.of(new FieldError("dueAt", "must be a date (2026-12-15) or an ISO-8601 instant")));
        }
    }
}
