package dev.gatehouse.rest;

import dev.gatehouse.retention.PurgeKind;
import dev.gatehouse.retention.PurgeRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A purge run as the API returns it. */
@Schema(name = "PurgeRun", description = "One retention purge run. outcome: running, completed, failed, skipped (another node was"
        + " purging) or interrupted (its node stopped mid-run). counts: connection ('*' for audit events about no connection) to kind"
        + " (payloads, statements, sessions, auditDetails) to how many were purged; totals sums each kind. auditSeq is the seq of the"
        + " run's retention.purged audit event, null when nothing was purged.")
public record PurgeRunView(String id, String triggeredVia, String triggeredBy, Instant startedAt, Instant finishedAt, String outcome,
        Map<String, Map<String, Long>> counts, Map<String, Long> totals, List<String> heldConnections, String error, Long auditSeq) {

    static PurgeRunView of(PurgeRun run) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (PurgeKind kind : PurgeKind.values()) {
            totals.put(kind.wireName(), run.total(kind));
        }
        return new PurgeRunView(run.id().toString(), run.triggeredVia(), run.triggeredBy(), run.startedAt(), run.finishedAt(),
                run.outcome().wireName(), run.counts(), totals, run.heldConnections(), run.error(), run.auditSeq());
    }
}
