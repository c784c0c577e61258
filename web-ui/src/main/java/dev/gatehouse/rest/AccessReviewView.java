package dev.gatehouse.rest;

import dev.gatehouse.accessreview.ReviewCampaign;
import dev.gatehouse.accessreview.ReviewItem;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign; {@code itemList} only when one campaign is read. */
@Schema(name = "AccessReview", description = "An access review campaign. status: open or closed; items and pending count its items;"
        + " itemList is present on GET /access-reviews/{id}")
public record AccessReviewView(String id, String name, List<String> connections, String createdBy, Instant createdAt, Instant dueAt,
        String status, String closedBy, Instant closedAt, String signOff, int items, int pending, List<ReviewItemView> itemList) {

    static AccessReviewView of(ReviewCampaign c) {
        return of(c, null);
    }

    static AccessReviewView of(ReviewCampaign c, List<ReviewItem> items) {
        return new AccessReviewView(c.id().toString(), c.name(), c.connections(), c.createdBy(), c.createdAt(), c.dueAt(), c.status(),
                c.closedBy(), c.closedAt(), c.signOff(), c.items(), c.pending(),
                items == null ? null : items.stream().map(ReviewItemView::of).toList());
    }
}
