package dev.gatehouse.rest;

import dev.gatehouse.accessreview.AccessReviews;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a decision did. */
@Schema(name = "AccessReviewDecision", description = "The decided item, and how many open sessions the revocation ended")
public record ReviewDecisionView(ReviewItemView item, int sessionsEnded) {

    static ReviewDecisionView of(AccessReviews.Decided decided) {
        return new ReviewDecisionView(ReviewItemView.of(decided.item()), decided.sessionsEnded());
    }
}
