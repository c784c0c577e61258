package dev.gatehouse.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run purged, per connection and kind. Audit events about no connection count under
 * {@link RetentionPolicy#DEFAULT} ('*'), the policy that governed them. Zeros are not kept.
 */
final class PurgeCounts {

    private final Map<String, Map<PurgeKind, Long>> byConnection = new TreeMap<>();

    void add(String connection, PurgeKind kind, long count) {
        if (count > 0) {
            byConnection.computeIfAbsent(connection, c -> new java.util.EnumMap<>(PurgeKind.class)).merge(kind, count, Long::sum);
        }
    }

    void addAll(Map<String, Long> perConnection, PurgeKind kind) {
        perConnection.forEach((connection, count) -> add(connection, kind, count));
    }

    boolean isEmpty() {
        return byConnection.isEmpty();
    }

    long total(PurgeKind kind) {
        return byConnection.values().stream().mapToLong(counts -> counts.getOrDefault(kind, 0L)).sum();
    }

    /** connection -> kind's wire name -> count, sorted, for the run's record and the API. */
    Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byConnection.forEach((connection, counts) -> {
            Map<String, Long> kinds = new TreeMap<>();
            counts.forEach((kind, count) -> kinds.put(kind.wireName(), count));
            out.put(connection, kinds);
        });
        return out;
    }

    /**
     * The retention.purged event's details. Audit details are flat (AuditJson keeps no nested
     * objects), so each kind gets a total and a list of "connection=count"; '=' never occurs in a
     * connection name, so the list reads back unambiguously.
     */
    Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (PurgeKind kind : PurgeKind.values()) {
            List<String> perConnection = new ArrayList<>();
            byConnection.forEach((connection, counts) -> {
                Long count = counts.get(kind);
                if (count != null) {
                    perConnection.add(connection + "=" + count);
                }
            });
            details.put(kind.wireName(), total(kind));
            details.put(kind.wireName() + "ByConnection", perConnection);
        }
        return details;
    }
}
