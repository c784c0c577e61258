package dev.gatehouse.rest;

import dev.gatehouse.accessreview.Revocation;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A revocation and whether it was lifted. */
@Schema(name = "AccessRevocation", description = "An identity refused on a connection by an access review; live while liftedAt is null")
public record AccessRevocationView(String id, String identity, String connection, String itemId, String accessReview, String reason,
        String revokedBy, Instant revokedAt, String liftedBy, Instant liftedAt, boolean live) {

    static AccessRevocationView of(Revocation r) {
        return new AccessRevocationView(r.id().toString(), r.identity(), r.connection(), r.itemId() == null ? null : r.itemId().toString(),
                r.campaign(), r.reason(), r.revokedBy(), r.revokedAt(), r.liftedBy(), r.liftedAt(), r.isLive());
    }
}
