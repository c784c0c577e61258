package dev.gatehouse.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an admin submits to create or change a connection, before validation. Types stay strings
 * here on purpose: an unknown type must come back as a field error, not as a parse failure.
 *
 * <p>{@code secret} is the new secret, or null to keep the stored one; {@code clearSecret} removes it.
 * {@code requireClientTls} makes the data path refuse clients that did not negotiate TLS with the gateway;
 * {@code auditFailClosed} makes it refuse work while the audit store cannot record it (the default);
 * {@code requiresJit} makes it refuse sessions to anyone without a live just-in-time access grant;
 * {@code allowedStartupParameters} names the startup parameters (and settings in {@code options})
 * clients may send beyond the harmless ones (docs/adr/0016).
 */
public record ConnectionDraft(String name, String type, String host, Integer port, String database, String username,
        String secret, boolean clearSecret, String tlsMode, boolean requireClientTls, Map<String, String> labels,
        Set<String> allowedRoles, boolean auditFailClosed, boolean requiresJit, Set<String> allowedStartupParameters) {

    /** A draft that allows only the harmless startup parameters. */
    public ConnectionDraft(String name, String type, String host, Integer port, String database, String username,
            String secret, boolean clearSecret, String tlsMode, boolean requireClientTls, Map<String, String> labels,
            Set<String> allowedRoles, boolean auditFailClosed, boolean requiresJit) {
        this(name, type, host, port, database, username, secret, clearSecret, tlsMode, requireClientTls, labels, allowedRoles,
                auditFailClosed, requiresJit, Set.of());
    }

    /** A draft of a connection that needs no just-in-time access grant. */
    public ConnectionDraft(String name, String type, String host, Integer port, String database, String username,
            String secret, boolean clearSecret, String tlsMode, boolean requireClientTls, Map<String, String> labels,
            Set<String> allowedRoles, boolean auditFailClosed) {
        this(name, type, host, port, database, username, secret, clearSecret, tlsMode, requireClientTls, labels, allowedRoles,
                auditFailClosed, false);
    }

    /** A draft of a fail-closed connection. */
    public ConnectionDraft(String name, String type, String host, Integer port, String database, String username,
            String secret, boolean clearSecret, String tlsMode, boolean requireClientTls, Map<String, String> labels,
            Set<String> allowedRoles) {
        this(name, type, host, port, database, username, secret, clearSecret, tlsMode, requireClientTls, labels, allowedRoles, true);
    }

    public ConnectionDraft {
        labels = labels == null ? Map.of() : new LinkedHashMap<>(labels);
        allowedRoles = allowedRoles == null ? Set.of() : new TreeSet<>(allowedRoles);
        allowedStartupParameters = allowedStartupParameters == null ? Set.of() : new TreeSet<>(allowedStartupParameters);
        name = trimmed(name);
        type = trimmed(type);
        host = trimmed(host);
        database = trimmed(database);
        username = trimmed(username);
        tlsMode = trimmed(tlsMode);
    }

    @Override
    public String toString() {
        // Records print every component by default; the secret must never reach a log line.
        return "ConnectionDraft[name=" + name + ", type=" + type + ", host=" + host + ", port=" + port
                + ", database=" + database + ", username=" + username + ", secret=" + (secret == null ? "unchanged" : "***")
                + ", tlsMode=" + tlsMode + ", requireClientTls=" + requireClientTls + ", labels=" + labels + ", allowedRoles=" + allowedRoles
                + ", auditFailClosed=" + auditFailClosed + ", requiresJit=" + requiresJit
                + ", allowedStartupParameters=" + allowedStartupParameters + "]";
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
