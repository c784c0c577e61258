package dev.gatehouse.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/**
 * One row of the append-only audit trail. Immutable in Java and in the database (a trigger rejects
 * UPDATE, DELETE and TRUNCATE), and chained (seq, prev_hash, hash) by AuditChainAppender; rows are written through JDBC, read through JPA.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "actor_kind", nullable = false, updatable = false, length = 20)
    private String actorKind;

    @Column(name = "client_address", updatable = false)
    private String clientAddress;

    @Column(nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "target_type", nullable = false, updatable = false, length = 32)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(name = "target_name", updatable = false)
    private String targetName;

    @Column(nullable = false, updatable = false, length = 16)
    private String outcome;

    @ColumnTransformer(write = "?::jsonb")
    @Column(updatable = false, columnDefinition = "jsonb")
    private String details;

    @Column(updatable = false)
    private Long seq;

    @Column(updatable = false)
    private String hash;

    protected AuditEvent() {
        // for JPA
    }


    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String actorKind() {
        return actorKind;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public String targetName() {
        return targetName;
    }

    public String outcome() {
        return outcome;
    }

    /** Null once retention purged them; the chain keeps their hash. */
    public String details() {
        return details;
    }

    /** The event's place in the chain; null only for rows written before the chain existed. */
    public Long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }
}
