package dev.gatehouse.retention;

import java.time.Instant;
import java.util.UUID;

/** A session under legal hold, for the retention page's list of holds. */
public record HeldSession(UUID id, String connection, String identity, Instant startedAt, String reason, String heldBy, Instant heldAt) {
}
