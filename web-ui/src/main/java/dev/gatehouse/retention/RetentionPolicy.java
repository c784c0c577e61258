package dev.gatehouse.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of retention_policy: the periods of one connection, or of every connection without a row
 * of its own when the name is {@link #DEFAULT} ('*'), plus the connection's legal hold. A connection
 * under legal hold keeps everything, whatever its periods say.
 */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy {

    /** The name of the row that applies to connections without their own, and to events about no connection. */
    public static final String DEFAULT = "*";

    @Id
    @Column(name = "connection_name", length = 63)
    private String connectionName;

    @Column(name = "payload_days", nullable = false)
    private int payloadDays;

    @Column(name = "recording_days", nullable = false)
    private int recordingDays;

    @Column(name = "audit_days", nullable = false)
    private int auditDays;

    @Column(name = "legal_hold", nullable = false)
    private boolean legalHold;

    @Column(name = "legal_hold_reason")
    private String legalHoldReason;

    @Column(name = "legal_hold_by")
    private String legalHoldBy;

    @Column(name = "legal_hold_at")
    private Instant legalHoldAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected RetentionPolicy() {
        // for JPA
    }

    RetentionPolicy(String connectionName, RetentionPeriods periods, String who, Instant at) {
        this.connectionName = connectionName;
        apply(periods, who, at);
    }

    void apply(RetentionPeriods periods, String who, Instant at) {
        this.payloadDays = periods.payloadDays();
        this.recordingDays = periods.recordingDays();
        this.auditDays = periods.auditDays();
        this.updatedBy = who;
        this.updatedAt = at;
    }

    void placeHold(String reason, String who, Instant at) {
        this.legalHold = true;
        this.legalHoldReason = reason;
        this.legalHoldBy = who;
        this.legalHoldAt = at;
    }

    void releaseHold() {
        this.legalHold = false;
        this.legalHoldReason = null;
        this.legalHoldBy = null;
        this.legalHoldAt = null;
    }

    public boolean isDefault() {
        return DEFAULT.equals(connectionName);
    }

    public RetentionPeriods periods() {
        return new RetentionPeriods(payloadDays, recordingDays, auditDays);
    }

    public String connectionName() {
        return connectionName;
    }

    public boolean legalHold() {
        return legalHold;
    }

    public String legalHoldReason() {
        return legalHoldReason;
    }

    public String legalHoldBy() {
        return legalHoldBy;
    }

    public Instant legalHoldAt() {
        return legalHoldAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
