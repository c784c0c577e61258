package dev.gatehouse.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /retention: every policy, the schedule and the last run. */
@Schema(name = "RetentionOverview", description = "All retention policies ('*' first), the purge schedule (purgeIntervalSeconds 0: only"
        + " runs started by an admin) and the most recent purge run, or null before the first")
public record RetentionOverviewView(List<RetentionPolicyView> policies, long purgeIntervalSeconds, int purgeBatchSize,
        PurgeRunView lastRun) {
}
