package dev.gatehouse.rest;

import dev.gatehouse.accessreview.ReviewItem;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a campaign. */
@Schema(name = "AccessReviewItem", description = "One identity's access to one connection. accessVia: role:<role>, client:<agent>,"
        + " jit:<request id> or unmask:<exemption id>; decision: pending, confirmed or revoked")
public record ReviewItemView(String id, String identity, String identityKind, String connection, String accessVia, Instant lastUsedAt,
        String decision, String decidedBy, Instant decidedAt, String comment) {

    static ReviewItemView of(ReviewItem i) {
        return new ReviewItemView(i.id().toString(), i.identity(), i.identityKind(), i.connection(), i.accessVia(), i.lastUsedAt(),
                i.decision(), i.decidedBy(), i.decidedAt(), i.comment());
    }
}
