package dev.gatehouse.recording;

import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One data-path session as recorded, for reading. Rows are written by {@link JpaSessionRecorder}
 * with JDBC, and their legal hold by dev.gatehouse.retention, never through this entity, hence
 * immutable here.
 */
@Entity
@Immutable
@Table(name = "data_session")
public class RecordedSession {

    @Id
    private UUID id;

    @Column(name = "identity_subject")
    private String subject;

    private String username;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "identity_kind")
    private String kind;

    @Column(name = "auth_method")
    private String authMethod;

    @Column(name = "token_id")
    private String tokenId;

    private String protocol;

    @Column(name = "connection_name")
    private String connectionName;

    @Column(name = "database_name")
    private String database;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "client_tls")
    private boolean clientTls;

    @Column(name = "application_name")
    private String applicationName;

    @Column(name = "matched_rule")
    private String matchedRule;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    @Column(name = "bytes_from_client")
    private long bytesFromClient;

    @Column(name = "bytes_to_client")
    private long bytesToClient;

    @Column(name = "statement_count")
    private long statementCount;

    @Column(name = "legal_hold")
    private boolean legalHold;

    @Column(name = "legal_hold_reason")
    private String legalHoldReason;

    @Column(name = "legal_hold_by")
    private String legalHoldBy;

    @Column(name = "legal_hold_at")
    private Instant legalHoldAt;

    protected RecordedSession() {
        // for JPA
    }

    public boolean active() {
        return endedAt == null;
    }

    /** The name people read: the username, or the client id for agents (as {@code Identity.displayName}). */
    public String displayName() {
        return IdentityKind.AGENT.wireName().equals(kind) && clientId != null ? clientId : username;
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

    public String clientId() {
        return clientId;
    }

    public String kind() {
        return kind;
    }

    public String authMethod() {
        return authMethod;
    }

    public String tokenId() {
        return tokenId;
    }

    public String protocol() {
        return protocol;
    }

    public String connectionName() {
        return connectionName;
    }

    public String database() {
        return database;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public boolean clientTls() {
        return clientTls;
    }

    public String applicationName() {
        return applicationName;
    }

    public String matchedRule() {
        return matchedRule;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }

    public long bytesFromClient() {
        return bytesFromClient;
    }

    public long bytesToClient() {
        return bytesToClient;
    }

    /** The count the data path reported at the end; 0 while the session is active. */
    public long statementCount() {
        return statementCount;
    }

    /** Retention purges nothing of a held session (set through dev.gatehouse.retention.LegalHolds). */
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
}
