package dev.gatehouse.masking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A time-bound unmask grant: an identity sees the clear values of some rules (all when
 * {@code ruleIds} is empty) on a connection ({@code *}: every connection) between {@code startsAt}
 * and {@code endsAt}, unless revoked earlier. Only a revocation ever changes a stored grant.
 */
@Entity
@Table(name = "masking_exemption")
public class MaskingExemption {

    @Id
    private UUID id;

    private String subject;

    private String username;

    @Column(name = "connection_name", nullable = false, length = 63)
    private String connection;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "rule_ids", nullable = false, columnDefinition = "uuid[]")
    private UUID[] ruleIds = new UUID[0];

    @Column(nullable = false)
    private String reason;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected MaskingExemption() {
        // for JPA
    }

    MaskingExemption(UUID id, ValidExemption grant, String actor, Instant now) {
        this.id = id;
        this.subject = grant.subject();
        this.username = grant.username();
        this.connection = grant.connection();
        this.ruleIds = grant.ruleIds().toArray(UUID[]::new);
        this.reason = grant.reason();
        this.startsAt = grant.startsAt();
        this.endsAt = grant.endsAt();
        this.grantedBy = actor;
        this.grantedAt = now;
    }

    void revoke(String actor, Instant now) {
        this.revokedBy = actor;
        this.revokedAt = now;
    }

    /** The grant as the policy compiler reads it, detached from the persistence context. */
    public ExemptionGrant toGrant() {
        return new ExemptionGrant(id, subject, username, connection, List.copyOf(Arrays.asList(ruleIds)), startsAt, endsAt, revokedAt);
    }

    public UUID id() {
        return id;
    }

    public String subject() {
        return subject;
    }

    public String username() {
        return username;
    }

    public String connection() {
        return connection;
    }

    public List<UUID> ruleIds() {
        return List.of(ruleIds);
    }

    public String reason() {
        return reason;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    /** active, scheduled, expired or revoked, at {@code now}. */
    public String status(Instant now) {
        return toGrant().status(now);
    }
}
