package dev.gatehouse.audit;

import java.time.Instant;

/** An audit row before the chain gives it a place: everything but seq, prev_hash and hash. */
record PendingAuditRow(Instant occurredAt, Actor actor, String action, String targetType, String targetId, String targetName,
        String outcome, String details) {
}
