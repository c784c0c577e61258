package dev.gatehouse.guardrails;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A connection's guardrail settings. Kept apart from the connection row so that guardrail changes
 * never touch (or conflict with) the catalog's own versioned row. No row means the defaults.
 */
@Entity
@Table(name = "guardrail_setting")
public class GuardrailSetting {

    @Id
    @Column(name = "connection_id")
    private UUID connectionId;

    /** Let statements PostgreSQL's parser refuses through (with an alert) instead of denying them. */
    @Column(name = "allow_unparseable", nullable = false)
    private boolean allowUnparseable;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GuardrailSetting() {
        // for JPA
    }

    GuardrailSetting(UUID connectionId) {
        this.connectionId = connectionId;
    }

    void allowUnparseable(boolean allow, String actor, Instant now) {
        this.allowUnparseable = allow;
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    public UUID connectionId() {
        return connectionId;
    }

    public boolean allowUnparseable() {
        return allowUnparseable;
    }
}
