package dev.gatehouse.evidence.dashboard;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the rows the dashboard reads, as the gateway writes them: audit events through the real
 * chain appender (so the chain stays whole), sessions, grants and exemptions with plain inserts.
 */
public final class DashboardSeed {

    private final Connection connection;
    private final AuditEventBatch audit;

    public DashboardSeed(Connection connection) {
        this.connection = connection;
        this.audit = new AuditEventBatch(connection);
    }

    public DashboardSeed approvalRequested(String requestId, String requester, Instant at) {
        audit.add(at, human(requester), "approval.requested", "approval", requestId, null, "success",
                Map.of("at", at.toString(), "kind", "ACCESS", "connection", "payments"));
        return this;
    }

    public DashboardSeed approvalRefused(String requestId, String actor, Instant at, String reason) {
        audit.add(at, human(actor), "approval.refused", "approval", requestId, null, "denied",
                Map.of("at", at.toString(), "reason", reason, "message", actor + " may not decide this"));
        return this;
    }

    /** An issue-17 refusal: an admin or an agent refused an action no single person or machine may take. */
    public DashboardSeed powerRefused(String actor, String action, String targetName, String reason, Instant at) {
        audit.add(at, human(actor), action, "api", null, targetName, "denied", Map.of("reason", reason));
        return this;
    }

    public DashboardSeed statementBlocked(String identity, String connectionName, String decision, String rule, Instant at) {
        audit.add(at, new Actor(identity, "agent", null), "statement.blocked", "connection", null, connectionName, "denied",
                Map.of("sessionId", UUID.randomUUID().toString(), "sequence", 1, "connection", connectionName, "identity", identity,
                        "identityKind", "agent", "decision", decision, "rule", rule));
        return this;
    }

    public DashboardSeed statementExecuted(String identity, String connectionName, Instant at) {
        audit.add(at, new Actor(identity, "agent", null), "statement.executed", "connection", null, connectionName, "success",
                Map.of("sessionId", UUID.randomUUID().toString(), "sequence", 1));
        return this;
    }

    public DashboardSeed verified(String auditor, boolean intact, Instant at) {
        audit.add(at, human(auditor), "audit.verified", "audit_chain", null, "audit_event", intact ? "success" : "failure",
                intact ? Map.of("intact", true, "channel", "ui")
                        : Map.of("intact", false, "channel", "ui", "firstBadSeq", 41, "problem", "HASH_MISMATCH"));
        return this;
    }

    /** Sends the audit rows added so far, chained, in the connection's transaction. */
    public DashboardSeed flushAudit() throws SQLException {
        audit.execute();
        return this;
    }

    public DashboardSeed accessGrant(String requestId, String requester, String connectionName, Instant from, Instant until,
            Instant revokedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into access_grant (request_id, requester, connection_name,"
                + " reason, valid_from, valid_until, revoked_by, revoked_at) values (?, ?, ?, 'test', ?, ?, ?, ?)")) {
            insert.setString(1, requestId);
            insert.setString(2, requester);
            insert.setString(3, connectionName);
            insert.setObject(4, utc(from));
            insert.setObject(5, utc(until));
            insert.setString(6, revokedAt == null ? null : "alice");
            insert.setObject(7, revokedAt == null ? null : utc(revokedAt));
            insert.executeUpdate();
        }
        return this;
    }

    public DashboardSeed unmaskGrant(UUID id, String username, String connectionName, Instant grantedAt, Instant endsAt, Instant revokedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into masking_exemption (id, username, connection_name, reason,"
                + " starts_at, ends_at, granted_by, granted_at, revoked_by, revoked_at) values (?, ?, ?, 'test', ?, ?, 'alice', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, username);
            insert.setString(3, connectionName);
            insert.setObject(4, utc(grantedAt));
            insert.setObject(5, utc(endsAt));
            insert.setObject(6, utc(grantedAt));
            insert.setString(7, revokedAt == null ? null : "alice");
            insert.setObject(8, revokedAt == null ? null : utc(revokedAt));
            insert.executeUpdate();
        }
        return this;
    }

    /** A catalog connection that lets in the given role. */
    public DashboardSeed connectionAllowing(String name, String role) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("insert into connection (id, name, type, host, port, tls_mode,"
                + " created_at, updated_at) values (?, ?, 'postgres', 'db.internal', 5432, 'disable', now(), now())")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into connection_allowed_role (connection_id, role_name) values (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, role);
            insert.executeUpdate();
        }
        return this;
    }

    public DashboardSeed session(String username, String connectionName, String matchedRule, Instant startedAt) throws SQLException {
        return session("human", username, null, connectionName, matchedRule, startedAt);
    }

    public DashboardSeed agentSession(String clientId, String connectionName, String matchedRule, Instant startedAt) throws SQLException {
        return session("agent", "service-account-" + clientId, clientId, connectionName, matchedRule, startedAt);
    }

    private DashboardSeed session(String kind, String username, String clientId, String connectionName, String matchedRule,
            Instant startedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into data_session (id, identity_subject, username, client_id,"
                + " identity_kind, protocol, connection_name, client_tls, matched_rule, started_at) values (?, ?, ?, ?, ?, 'postgres', ?,"
                + " false, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, "subject-" + username);
            insert.setString(3, username);
            insert.setString(4, clientId);
            insert.setString(5, kind);
            insert.setString(6, connectionName);
            insert.setString(7, matchedRule);
            insert.setObject(8, utc(startedAt));
            insert.executeUpdate();
        }
        return this;
    }

    private static Actor human(String name) {
        return new Actor(name, "human", "10.0.0.7");
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
