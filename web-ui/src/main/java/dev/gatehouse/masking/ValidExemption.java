package dev.gatehouse.masking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An unmask grant that passed validation. */
public record ValidExemption(String subject, String username, String connection, List<UUID> ruleIds, String reason, Instant startsAt,
        Instant endsAt) {
}
