package dev.gatehouse.retention;

import dev.gatehouse.audit.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One purge run: payloads, then recordings, then audit details, each in bounded batches until
 * nothing is left to do, while this node holds the purge lock. Runs off request threads (see
 * {@link RetentionScheduler}); the batches' transactions are their own, not the caller's.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());
    /** Before any recorded time: the scans' first cursor. */
    private static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

    @Inject
    RetentionPolicies policies;

    @Inject
    RetentionBatches batches;

    @Inject
    RetentionRuns runs;

    private int batchSize;

    @PostConstruct
    void readSettings() {
        batchSize = RetentionSettings.fromEnvironment().batchSize();
    }

    /** @param via schedule, api or ui; {@code who} is recorded as the run's (and its audit event's) actor */
    public PurgeRun run(String via, Actor who) {
        try (PurgingNode node = PurgingNode.tryAcquire()) {
            if (!node.acquired()) {
                LOG.info("retention: another node or run is purging; this run is skipped");
                return runs.skipped(via, who, Instant.now());
            }
            return purge(via, who);
        } catch (SQLException e) {
            throw new IllegalStateException("retention: the store is unreachable for the purge lock: " + e.getMessage(), e);
        }
    }

    private PurgeRun purge(String via, Actor who) {
        Instant now = Instant.now();
        UUID runId = runs.start(via, who, now);
        PurgeCounts counts = new PurgeCounts();
        List<String> held = new ArrayList<>();
        try {
            PurgePlan plan = PurgePlan.of(policies.list(), now);
            held.addAll(plan.heldAtStart());
            purgePayloads(plan, counts);
            deleteRecordings(plan, counts);
            purgeAuditDetails(plan, counts);
            PurgeRun run = runs.finish(runId, who, PurgeOutcome.COMPLETED, counts, held, null);
            LOG.info(() -> "retention: run " + runId + " completed: " + summary(counts));
            return run;
        } catch (RuntimeException e) {
            // What was purged stays purged: it is recorded with the failure, and the next run carries on.
            LOG.log(Level.WARNING, "retention: run " + runId + " failed after " + summary(counts), e);
            return runs.finish(runId, who, PurgeOutcome.FAILED, counts, held, describe(e));
        }
    }

    private void purgePayloads(PurgePlan plan, PurgeCounts counts) {
        Instant from = BEGINNING;
        RetentionBatches.PayloadsPurged batch;
        do {
            batch = batches.purgePayloads(plan, from, batchSize);
            counts.addAll(batch.counts(), PurgeKind.PAYLOADS);
            from = batch.reached();
        } while (batch.more());
    }

    private void deleteRecordings(PurgePlan plan, PurgeCounts counts) {
        Instant from = BEGINNING;
        RetentionBatches.RecordingsDeleted batch;
        do {
            batch = batches.deleteRecordings(plan, from, batchSize);
            counts.addAll(batch.statements(), PurgeKind.STATEMENTS);
            counts.addAll(batch.sessions(), PurgeKind.SESSIONS);
            from = batch.reached();
        } while (batch.more());
    }

    private void purgeAuditDetails(PurgePlan plan, PurgeCounts counts) {
        for (String connection : batches.connectionsWithAuditDetails()) {
            purgeAuditDetails(connection, plan.cutoffsFor(connection).audit(), counts);
        }
        purgeAuditDetails(null, plan.defaults().audit(), counts);
    }

    private void purgeAuditDetails(String connection, Instant cutoff, PurgeCounts counts) {
        long purged;
        do {
            purged = batches.purgeAuditDetails(connection, cutoff, batchSize);
            counts.add(connection == null ? RetentionPolicy.DEFAULT : connection, PurgeKind.AUDIT_DETAILS, purged);
        } while (purged == batchSize);
    }

    private static String summary(PurgeCounts counts) {
        StringBuilder out = new StringBuilder();
        for (PurgeKind kind : PurgeKind.values()) {
            out.append(out.isEmpty() ? "" : ", ").append(counts.total(kind)).append(' ').append(kind.wireName());
        }
        return out.toString();
    }

    /** The error for the run's record: its type and message, cut short; never a stack trace or a parameter. */
    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
