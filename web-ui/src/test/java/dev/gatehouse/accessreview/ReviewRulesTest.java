package dev.gatehouse.accessreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.accessreview.AccessReviewException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may decide an item and who may sign a campaign off. */
class ReviewRulesTest {

    private static final UUID CAMPAIGN = UUID.randomUUID();
    private final ReviewCampaign open = campaign("open");

    @Test
    void anAdminDecidesSomeoneElsesPendingItem() {
        assertThatCode(() -> ReviewRules.checkDecidable(open, item("eve", "pending", null), "alice")).doesNotThrowAnyException();
    }

    @Test
    void nobodyReviewsTheirOwnAccess() {
        assertThatThrownBy(() -> ReviewRules.checkDecidable(open, item("alice", "pending", null), "alice"))
                .isInstanceOf(AccessReviewException.class).extracting(e -> ((AccessReviewException) e).reason())
                .isEqualTo(Reason.SELF_REVIEW);
    }

    @Test
    void aDecidedItemOrAClosedCampaignIsNotDecidedAgain() {
        assertThat(reason(() -> ReviewRules.checkDecidable(open, item("eve", "confirmed", "alice"), "alice2")))
                .isEqualTo(Reason.ALREADY_DECIDED);
        assertThat(reason(() -> ReviewRules.checkDecidable(campaign("closed"), item("eve", "pending", null), "alice")))
                .isEqualTo(Reason.CAMPAIGN_CLOSED);
    }

    @Test
    void aCampaignClosesOnlyWhenEveryItemIsDecided() {
        List<ReviewItem> items = List.of(item("eve", "revoked", "alice"), item("bob", "pending", null));
        assertThatThrownBy(() -> ReviewRules.checkClosable(open, items, "dora")).hasMessageContaining("1 of 2 items are still pending");
    }

    @Test
    void theSignOffComesFromAnAuditorWhoDecidedNoItemOfIt() {
        List<ReviewItem> items = List.of(item("eve", "revoked", "alice"), item("bob", "confirmed", "dora"));
        assertThat(reason(() -> ReviewRules.checkClosable(open, items, "dora"))).isEqualTo(Reason.NOT_INDEPENDENT);
        assertThatCode(() -> ReviewRules.checkClosable(open, items, "frank")).doesNotThrowAnyException();
        assertThat(reason(() -> ReviewRules.checkClosable(campaign("closed"), items, "frank"))).isEqualTo(Reason.CAMPAIGN_CLOSED);
    }

    private static Reason reason(Runnable check) {
        try {
            check.run();
        } catch (AccessReviewException e) {
            return e.reason();
        }
        throw new AssertionError("the check passed");
    }

    private static ReviewCampaign campaign(String status) {
        Instant closedAt = "closed".equals(status) ? Instant.now() : null;
        return new ReviewCampaign(CAMPAIGN, "Q4 2026", List.of(), "dora", Instant.now(), null, status, null, closedAt, null, 2, 1);
    }

    private static ReviewItem item(String identity, String decision, String decidedBy) {
        return new ReviewItem(UUID.randomUUID(), CAMPAIGN, identity, "human", "payments", "role:gatehouse-user", null, decision, decidedBy,
                decidedBy == null ? null : Instant.now(), null);
    }
}
