package dev.gatehouse.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One purge run as recorded in retention_run.
 *
 * @param triggeredVia    schedule, api or ui
 * @param counts          connection ('*' for audit events about no connection) -> kind -> count; only what was purged
 * @param heldConnections connections under legal hold when the run began
 * @param auditSeq        the seq of the run's retention.purged audit event; null when it purged nothing
 */
public record PurgeRun(UUID id, String triggeredVia, String triggeredBy, Instant startedAt, Instant finishedAt, PurgeOutcome outcome,
        Map<String, Map<String, Long>> counts, List<String> heldConnections, String error, Long auditSeq) {

    public long total(PurgeKind kind) {
        return counts.values().stream().mapToLong(c -> c.getOrDefault(kind.wireName(), 0L)).sum();
    }
}
