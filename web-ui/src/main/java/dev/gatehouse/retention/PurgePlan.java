package dev.gatehouse.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The cutoffs of one purge run, fixed when it starts: the default policy's, and those of every
 * connection with a policy of its own. Holds are not part of the plan; every batch reads them afresh
 * (see {@link RetentionBatches}), so a hold placed during a run protects from the next batch on.
 */
record PurgePlan(Instant now, RetentionCutoffs defaults, Map<String, RetentionCutoffs> own, List<String> heldAtStart) {

    static PurgePlan of(List<RetentionPolicy> policies, Instant now) {
        RetentionCutoffs defaults = null;
        Map<String, RetentionCutoffs> own = new TreeMap<>();
        List<String> held = new ArrayList<>();
        for (RetentionPolicy policy : policies) {
            if (policy.isDefault()) {
                defaults = policy.periods().cutoffs(now);
            } else {
                own.put(policy.connectionName(), policy.periods().cutoffs(now));
                if (policy.legalHold()) {
                    held.add(policy.connectionName());
                }
            }
        }
        if (defaults == null) {
            throw new IllegalStateException("the default retention policy '*' is missing from retention_policy");
        }
        // Sorted and unmodifiable: the SQL arrays of names and cutoffs are built from the same iteration order.
        return new PurgePlan(now, defaults, Collections.unmodifiableMap(own), List.copyOf(held));
    }

    RetentionCutoffs cutoffsFor(String connection) {
        return connection == null ? defaults : own.getOrDefault(connection, defaults);
    }

    /** The latest payload cutoff of any policy: no statement at or after it is purged, so scans stop there. */
    Instant latestPayloadCutoff() {
        return latest(RetentionCutoffs::payload);
    }

    Instant latestRecordingCutoff() {
        return latest(RetentionCutoffs::recording);
    }

    Instant latestAuditCutoff() {
        return latest(RetentionCutoffs::audit);
    }

    String[] ownConnections() {
        return own.keySet().toArray(String[]::new);
    }

    /** The own policies' cutoffs of one kind, in {@link #ownConnections()} order, as timestamptz text for SQL arrays. */
    String[] ownCutoffs(Function<RetentionCutoffs, Instant> kind) {
        return own.values().stream().map(kind).map(Instant::toString).toArray(String[]::new);
    }

    private Instant latest(Function<RetentionCutoffs, Instant> kind) {
        return own.values().stream().map(kind).max(Comparator.naturalOrder())
                .filter(cutoff -> cutoff.isAfter(kind.apply(defaults))).orElse(kind.apply(defaults));
    }
}
