package dev.gatehouse.accessreview;

import dev.gatehouse.accessreview.AccessReviewException.Reason;
import java.util.Collection;

/**
 * Who may decide and who may sign off, as plain checks.
 *
 * <p>Separation of duties: nobody decides an item about their own access. Independence of the
 * sign-off (our reading of C4's "independent review"): the auditor who closes a campaign must not
 * have decided any of its items, so the person attesting the review is never one of its reviewers.
 * Being an identity listed in the campaign does not disqualify them; the decisions on their own
 * items were made by someone else.
 */
public final class ReviewRules {

    private ReviewRules() {
    }

    public static void checkDecidable(ReviewCampaign campaign, ReviewItem item, String reviewer) {
        if (!campaign.isOpen()) {
            throw new AccessReviewException(Reason.CAMPAIGN_CLOSED, "access review \"" + campaign.name() + "\" is closed");
        }
        if (!item.isPending()) {
            throw new AccessReviewException(Reason.ALREADY_DECIDED, "the item was already " + item.decision() + " by "
                    + item.decidedBy());
        }
        if (isOwnAccess(item, reviewer)) {
            throw selfReview(item);
        }
    }

    public static boolean isOwnAccess(ReviewItem item, String reviewer) {
        return item.identity().equals(reviewer);
    }

    static AccessReviewException selfReview(ReviewItem item) {
        return new AccessReviewException(Reason.SELF_REVIEW, "\"" + item.identity() + "\" may not review their own access to connection \""
                + item.connection() + "\"; another administrator must decide this item");
    }

    public static void checkClosable(ReviewCampaign campaign, Collection<ReviewItem> items, String auditor) {
        if (!campaign.isOpen()) {
            throw new AccessReviewException(Reason.CAMPAIGN_CLOSED, "access review \"" + campaign.name() + "\" is already closed");
        }
        long pending = items.stream().filter(ReviewItem::isPending).count();
        if (pending > 0) {
            throw new AccessReviewException(Reason.ITEMS_PENDING, pending + " of " + items.size()
                    + " items are still pending; every item must be confirmed or revoked before the sign-off");
        }
        if (items.stream().anyMatch(item -> auditor.equals(item.decidedBy()))) {
            throw new AccessReviewException(Reason.NOT_INDEPENDENT, "\"" + auditor + "\" decided items of this review and cannot also sign"
                    + " it off; an auditor who reviewed none of its items must close it");
        }
    }
}
