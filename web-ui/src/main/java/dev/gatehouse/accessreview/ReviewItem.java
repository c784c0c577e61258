package dev.gatehouse.accessreview;

import java.time.Instant;
import java.util.UUID;

/** One identity's access to one connection as a campaign found it, and the decision on it (table access_review_item). */
public record ReviewItem(UUID id, UUID campaignId, String identity, String identityKind, String connection, String accessVia,
        Instant lastUsedAt, String decision, String decidedBy, Instant decidedAt, String comment) {

    public boolean isPending() {
        return "pending".equals(decision);
    }

    public AccessVia via() {
        return AccessVia.parse(accessVia);
    }
}
