package dev.gatehouse.accessreview;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An identity refused on a connection by an access review (table access_revocation), until an admin
 * lifts it. {@code campaign} is the name of the review that revoked it, when it came from one.
 */
public record Revocation(UUID id, String identity, String connection, UUID itemId, String campaign, String reason, String revokedBy,
        Instant revokedAt, String liftedBy, Instant liftedAt) {

    public boolean isLive() {
        return liftedAt == null;
    }

    /** What the identity's client is told, at connect time and when a running session is ended. */
    public String clientMessage() {
        String by = campaign == null ? "an access review" : "access review \"" + campaign + "\"";
        return "access to connection \"" + connection + "\" for \"" + identity + "\" was revoked by " + by + " on "
                + revokedAt.atOffset(ZoneOffset.UTC).toLocalDate() + "; ask an administrator to lift the revocation";
    }
}
