package dev.gatehouse.catalog;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A protected target system registered by an admin. The secret is held only in sealed form
 * ({@code secretCiphertext}); nothing on this class ever returns plaintext.
 */
@Entity
@Table(name = "connection")
public class TargetConnection {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 63)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ConnectionType type;

    @Column(nullable = false)
    private String host;

    @Column(nullable = false)
    private int port;

    @Column(name = "database_name")
    private String database;

    @Column(name = "username")
    private String username;

    @Column(name = "secret_ciphertext")
    private String secretCiphertext;

    @Enumerated(EnumType.STRING)
    @Column(name = "tls_mode", nullable = false, length = 20)
    private TlsMode tlsMode;

    @Column(name = "require_client_tls", nullable = false)
    private boolean requireClientTls;

    @Column(name = "audit_fail_closed")
    private boolean auditFailClosed = true;

    @Column(name = "requires_jit")
    private boolean requiresJit;

    /** Comma-separated, lower case (V13); empty: only the harmless startup parameters. */
    @Column(name = "allowed_startup_parameters", nullable = false, length = 1000)
    private String allowedStartupParameters = "";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connection_label", joinColumns = @JoinColumn(name = "connection_id"))
    @MapKeyColumn(name = "label_key")
    @Column(name = "label_value", nullable = false)
    private Map<String, String> labels = new LinkedHashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "connection_allowed_role", joinColumns = @JoinColumn(name = "connection_id"))
    @Column(name = "role_name", nullable = false)
    private Set<String> allowedRoles = new TreeSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected TargetConnection() {
        // for JPA
    }

    public TargetConnection(UUID id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Copies every non-secret field from a validated draft. */
    void applyDetails(ConnectionDraft draft, Instant now) {
        this.name = draft.name();
        this.type = ConnectionType.fromWireName(draft.type()).orElseThrow();
        this.host = draft.host();
        this.port = draft.port();
        this.database = draft.database();
        this.username = draft.username();
        this.tlsMode = TlsMode.fromWireName(draft.tlsMode()).orElseThrow();
        this.requireClientTls = draft.requireClientTls();
        this.auditFailClosed = draft.auditFailClosed();
        this.requiresJit = draft.requiresJit();
        this.allowedStartupParameters = String.join(",", new java.util.TreeSet<>(draft.allowedStartupParameters()));
        this.labels.clear();
        this.labels.putAll(draft.labels());
        this.allowedRoles.clear();
        this.allowedRoles.addAll(draft.allowedRoles());
        this.updatedAt = now;
    }

    boolean addAllowedEntry(String entry, Instant now) {
        boolean added = allowedRoles.add(entry);
        if (added) {
            updatedAt = now;
        }
        return added;
    }

    boolean removeAllowedEntry(String entry, Instant now) {
        boolean removed = allowedRoles.remove(entry);
        if (removed) {
            updatedAt = now;
        }
        return removed;
    }

    void replaceSealedSecret(String sealed) {
        this.secretCiphertext = sealed;
    }

    public Connection toDescriptor() {
        return new Connection(name, type, host, port, database, username, tlsMode, labels, allowedRoles, requireClientTls,
                auditFailClosed, requiresJit, allowedStartupParameters());
    }

    /** The startup parameter names clients may send beyond the harmless ones. */
    public Set<String> allowedStartupParameters() {
        Set<String> names = new java.util.TreeSet<>();
        for (String name : (allowedStartupParameters == null ? "" : allowedStartupParameters).split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ConnectionType type() {
        return type;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    public boolean requireClientTls() {
        return requireClientTls;
    }

    /** Sessions need a live just-in-time access grant (an approved access request). */
    public boolean requiresJit() {
        return requiresJit;
    }

    public boolean auditFailClosed() {
        return auditFailClosed;
    }

    public Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    public Set<String> allowedRoles() {
        return Set.copyOf(allowedRoles);
    }

    public boolean secretSet() {
        return secretCiphertext != null;
    }

    String sealedSecret() {
        return secretCiphertext;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
