package dev.gatehouse.audit.siem;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A sink as the API and the UI change it. The delivery state (cursor, counters, last error) belongs
 * to the delivery workers, which write it with plain SQL: here it is read-only, so saving a changed
 * sink can never move a cursor back or wipe a failure another node just recorded.
 */
@Entity
@Table(name = "siem_sink")
public class SiemSink {

    @Id
    private UUID id;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(nullable = false, length = 16)
    private String format;

    @Column(nullable = false, length = 16)
    private String transport;

    @Column(nullable = false)
    private String endpoint;

    @Column(name = "sealed_token")
    private String sealedToken;

    @Column(name = "tls_ca_certificate")
    private String tlsCaCertificate;

    @Column(nullable = false)
    private boolean enabled;

    /** Set once, at creation (0, or the head for "startAt": "now"). */
    @Column(name = "cursor_seq", nullable = false, updatable = false)
    private long cursorSeq;

    @Column(name = "delivered_count", insertable = false, updatable = false)
    private long deliveredCount;

    @Column(name = "consecutive_failures", insertable = false, updatable = false)
    private int consecutiveFailures;

    @Column(name = "last_error", insertable = false, updatable = false)
    private String lastError;

    @Column(name = "last_attempt_at", insertable = false, updatable = false)
    private Instant lastAttemptAt;

    @Column(name = "last_delivered_at", insertable = false, updatable = false)
    private Instant lastDeliveredAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SiemSink() {
        // for JPA
    }

    SiemSink(UUID id, String createdBy, Instant now, long cursorSeq) {
        this.id = id;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.cursorSeq = cursorSeq;
    }

    /** Copies validated settings; the token is handled by {@link #replaceSealedToken}. */
    void apply(String name, SinkFormat format, SinkTransportKind transport, String endpoint, String tlsCaCertificate, boolean enabled,
            Instant now) {
        this.name = name;
        this.format = format.wireName();
        this.transport = transport.wireName();
        this.endpoint = endpoint;
        this.tlsCaCertificate = tlsCaCertificate;
        this.enabled = enabled;
        this.updatedAt = now;
    }

    void replaceSealedToken(String sealedToken) {
        this.sealedToken = sealedToken;
    }

    /** The settings as a delivery worker would read them now. */
    public ConfiguredSink configured() {
        return new ConfiguredSink(id, name, format(), transport(), endpoint, sealedToken, tlsCaCertificate, enabled, cursorSeq,
                consecutiveFailures, updatedAt);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public SinkFormat format() {
        return SinkFormat.fromWireName(format).orElseThrow();
    }

    public SinkTransportKind transport() {
        return SinkTransportKind.fromWireName(transport).orElseThrow();
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean tokenSet() {
        return sealedToken != null;
    }

    String sealedToken() {
        return sealedToken;
    }

    public String tlsCaCertificate() {
        return tlsCaCertificate;
    }

    public boolean enabled() {
        return enabled;
    }

    public long cursorSeq() {
        return cursorSeq;
    }

    public long deliveredCount() {
        return deliveredCount;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant lastDeliveredAt() {
        return lastDeliveredAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
