package dev.gatehouse.retention;

import dev.gatehouse.proxy.audit.CanonicalJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of retention_run; {@link #toRun()} is what everything outside this package sees. */
@Entity
@Table(name = "retention_run")
class StoredPurgeRun {

    @Id
    private UUID id;

    @Column(name = "triggered_via", nullable = false, length = 16)
    private String triggeredVia;

    @Column(name = "triggered_by", nullable = false)
    private String triggeredBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(nullable = false, length = 16)
    private String outcome;

    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private String counts = "{}";

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "held_connections", nullable = false, columnDefinition = "text[]")
    private String[] heldConnections = new String[0];

    private String error;

    @Column(name = "audit_seq")
    private Long auditSeq;

    protected StoredPurgeRun() {
        // for JPA
    }

    StoredPurgeRun(UUID id, String triggeredVia, String triggeredBy, Instant startedAt, PurgeOutcome outcome) {
        this.id = id;
        this.triggeredVia = triggeredVia;
        this.triggeredBy = triggeredBy;
        this.startedAt = startedAt;
        this.outcome = outcome.wireName();
    }

    void finish(PurgeOutcome result, Instant at, Map<String, Map<String, Long>> purged, List<String> held, String failure) {
        this.outcome = result.wireName();
        this.finishedAt = at;
        this.counts = CanonicalJson.write(purged);
        this.heldConnections = held.toArray(String[]::new);
        this.error = failure;
    }

    void interrupted() {
        this.outcome = PurgeOutcome.INTERRUPTED.wireName();
    }

    void auditedAs(long seq) {
        this.auditSeq = seq;
    }

    PurgeRun toRun() {
        return new PurgeRun(id, triggeredVia, triggeredBy, startedAt, finishedAt, PurgeOutcome.fromWire(outcome), readCounts(counts),
                List.of(heldConnections), error, auditSeq);
    }

    private static Map<String, Map<String, Long>> readCounts(String json) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        if (json != null && CanonicalJson.parse(json) instanceof Map<?, ?> byConnection) {
            byConnection.forEach((connection, kinds) -> {
                Map<String, Long> perKind = new TreeMap<>();
                if (kinds instanceof Map<?, ?> map) {
                    map.forEach((kind, count) -> perKind.put(String.valueOf(kind), ((BigDecimal) count).longValue()));
                }
                out.put(String.valueOf(connection), perKind);
            });
        }
        return out;
    }
}
