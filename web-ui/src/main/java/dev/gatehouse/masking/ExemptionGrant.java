package dev.gatehouse.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An unmask grant as the policy compiler applies it.
 *
 * @param ruleIds the rules whose values the identity may see in clear; empty: every rule
 */
public record ExemptionGrant(UUID id, String subject, String username, String connection, List<UUID> ruleIds, Instant startsAt,
        Instant endsAt, Instant revokedAt) {

    public ExemptionGrant {
        ruleIds = List.copyOf(ruleIds);
    }

    /** In force at {@code now}: started, not yet ended (the end is exclusive), not revoked. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean covers(Identity identity, Connection target, UUID ruleId) {
        boolean who = subject != null && subject.equals(identity.subject())
                || username != null && identity.username() != null && username.equals(identity.username());
        boolean where = MaskingRuleDraft.EVERY_CONNECTION.equals(connection) || Objects.equals(connection, target.name());
        return who && where && (ruleIds.isEmpty() || ruleIds.contains(ruleId));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (now.isBefore(startsAt)) {
            return "scheduled";
        }
        return now.isBefore(endsAt) ? "active" : "expired";
    }
}
