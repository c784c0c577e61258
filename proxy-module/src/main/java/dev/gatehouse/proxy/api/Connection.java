package dev.gatehouse.proxy.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A protected target as the data path sees it: where it is and who may use it. The secret is
 * deliberately absent; the data path asks the {@link CredentialStore} for it only at the moment it
 * dials the target, so it never travels with this value into logs or recordings.
 *
 * <p>{@code tlsMode} protects the gateway's hop to the target; {@code requireClientTls} makes the
 * gateway refuse clients that did not negotiate TLS with it, even on loopback. {@code auditFailClosed}
 * makes it refuse new sessions and statements while the audit store cannot take events.
 * {@code requiresJit} admits only identities holding a live just-in-time access grant (the
 * application's access policy decides that). {@code allowedStartupParameters} names the startup
 * parameters (and settings inside {@code options}) a client may send beyond the harmless ones the
 * gateway always passes; {@code options} itself is one such name (docs/adr/0016).
 */
public record Connection(
        String name,
        ConnectionType type,
        String host,
        int port,
        String database,
        String username,
        TlsMode tlsMode,
        Map<String, String> labels,
        Set<String> allowedRoles,
        boolean requireClientTls,
        boolean auditFailClosed,
        boolean requiresJit,
        Set<String> allowedStartupParameters) {

    /** A connection that allows only the harmless startup parameters. */
    public Connection(String name, ConnectionType type, String host, int port, String database, String username, TlsMode tlsMode,
            Map<String, String> labels, Set<String> allowedRoles, boolean requireClientTls, boolean auditFailClosed,
            boolean requiresJit) {
        this(name, type, host, port, database, username, tlsMode, labels, allowedRoles, requireClientTls, auditFailClosed,
                requiresJit, Set.of());
    }

    /** A connection that needs no just-in-time access grant. */
    public Connection(String name, ConnectionType type, String host, int port, String database, String username, TlsMode tlsMode,
            Map<String, String> labels, Set<String> allowedRoles, boolean requireClientTls, boolean auditFailClosed) {
        this(name, type, host, port, database, username, tlsMode, labels, allowedRoles, requireClientTls, auditFailClosed, false);
    }

    /** Fail-closed on audit outages, the default. */
    public Connection(String name, ConnectionType type, String host, int port, String database, String username, TlsMode tlsMode,
            Map<String, String> labels, Set<String> allowedRoles, boolean requireClientTls) {
        this(name, type, host, port, database, username, tlsMode, labels, allowedRoles, requireClientTls, true);
    }

    public Connection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsMode, "tlsMode");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        allowedRoles = allowedRoles == null ? Set.of() : Set.copyOf(allowedRoles);
        allowedStartupParameters = allowedStartupParameters == null ? Set.of() : Set.copyOf(allowedStartupParameters);
    }
}
