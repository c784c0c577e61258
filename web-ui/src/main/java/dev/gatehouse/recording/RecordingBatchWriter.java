package dev.gatehouse.recording;

import dev.gatehouse.access.IdentityAttributes;
import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.RecordedEvent.SessionStarted;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes one batch of recorded events on the caller's (transactional) connection: first the
 * recording rows, then one audit row per event that was newly recorded. Statements and audit rows,
 * the bulk of every batch, go in one multi-row INSERT each.
 *
 * <p>Retries are safe. The data path retries a batch whose call threw, and the call may have thrown
 * after the commit; recording inserts therefore skip rows that exist and the end update skips ended
 * sessions, and an event whose row was skipped gets no second audit row.
 */
final class RecordingBatchWriter {

    static final String TARGET_TYPE = "connection";
    static final Actor ANONYMOUS = new Actor("anonymous", "unknown", null);
    /** Only reachable if a session row vanished between the insert and its audit row; keeps the row rather than failing. */
    private static final SessionFacts UNKNOWN_SESSION = new SessionFacts(ANONYMOUS, null);

    private static final String INSERT_SESSION = "insert into data_session (id, identity_subject, username, client_id, identity_kind,"
            + " auth_method, token_id, protocol, connection_name, database_name, client_address, client_tls, application_name,"
            + " matched_rule, started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing";
    private static final String END_SESSION = "update data_session set ended_at = ?, end_reason = ?, bytes_from_client = ?,"
            + " bytes_to_client = ?, statement_count = ? where id = ? and ended_at is null";
    private static final String FIND_SESSIONS = "select id, username, client_id, identity_kind, client_address, connection_name"
            + " from data_session where id = any (?)";

    private final Connection connection;
    private final Function<UUID, SessionFacts> knownSessions;
    private final Map<UUID, SessionFacts> facts = new HashMap<>();

    /** @param knownSessions facts remembered from earlier batches, or null; the store is asked for the rest */
    RecordingBatchWriter(Connection connection, Function<UUID, SessionFacts> knownSessions) {
        this.connection = connection;
        this.knownSessions = knownSessions;
    }

    /** Writes the batch; returns the facts of the sessions it started, for the caller to remember. */
    Map<UUID, SessionFacts> write(List<RecordedEvent> batch) throws SQLException {
        Map<UUID, SessionFacts> started = new LinkedHashMap<>();
        for (RecordedEvent event : batch) {
            if (event instanceof SessionStarted s) {
                SessionFacts f = new SessionFacts(actorOf(s.identity(), s.clientAddress()), s.connection());
                facts.put(s.sessionId(), f);
                started.put(s.sessionId(), f);
            }
        }
        resolveOtherSessions(batch);
        boolean[] recorded = writeRecording(batch);
        AuditEventBatch audit = new AuditEventBatch(connection);
        for (int i = 0; i < batch.size(); i++) {
            if (recorded[i]) {
                appendAudit(audit, batch.get(i));
            }
        }
        audit.execute();
        return started;
    }

    /** Writes sessions, then statements, then ends (each may depend on the one before); true per event that wrote a row. */
    private boolean[] writeRecording(List<RecordedEvent> batch) throws SQLException {
        boolean[] recorded = new boolean[batch.size()];
        List<Integer> sessionRows = new ArrayList<>();
        List<Integer> endRows = new ArrayList<>();
        StatementInsert statements = new StatementInsert();
        try (PreparedStatement sessions = connection.prepareStatement(INSERT_SESSION);
                PreparedStatement ends = connection.prepareStatement(END_SESSION)) {
            for (int i = 0; i < batch.size(); i++) {
                switch (batch.get(i)) {
                    case SessionStarted s -> {
                        bindSession(sessions, s);
                        sessionRows.add(i);
                    }
                    case StatementExecuted s -> statements.add(s);
                    case SessionEnded e -> {
                        bindEnd(ends, e);
                        endRows.add(i);
                    }
                    case LoginRefused refused -> recorded[i] = true;
                }
            }
            markWritten(recorded, sessionRows, sessions);
            Set<StatementKey> newStatements = statements.execute(connection);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof StatementExecuted s) {
                    recorded[i] = newStatements.contains(new StatementKey(s.sessionId(), s.sequence()));
                }
            }
            markWritten(recorded, endRows, ends);
        }
        return recorded;
    }

    /** Sessions and ends are few per batch: a JDBC batch, whose per-row counts tell which rows were new. */
    private static void markWritten(boolean[] recorded, List<Integer> rows, PreparedStatement batch) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int[] counts = batch.executeBatch();
        for (int j = 0; j < rows.size(); j++) {
            // SUCCESS_NO_INFO (a driver that rewrites batches) counts as written: a duplicate audit row beats a missing one.
            recorded[rows.get(j)] = counts[j] > 0 || counts[j] == Statement.SUCCESS_NO_INFO;
        }
    }

    private static void bindSession(PreparedStatement ps, SessionStarted s) throws SQLException {
        Identity who = s.identity();
        ps.setObject(1, s.sessionId());
        ps.setString(2, RecordedText.bounded(who.subject(), 255));
        ps.setString(3, RecordedText.bounded(who.username(), 255));
        ps.setString(4, RecordedText.bounded(who.clientId(), 255));
        ps.setString(5, who.kind().wireName());
        ps.setString(6, RecordedText.bounded(who.authMethod(), 64));
        ps.setString(7, RecordedText.bounded(who.tokenId(), 255));
        ps.setString(8, RecordedText.bounded(s.protocol(), 20));
        ps.setString(9, RecordedText.clean(s.connection()));
        ps.setString(10, RecordedText.clean(s.database()));
        ps.setString(11, RecordedText.bounded(s.clientAddress(), 64));
        ps.setBoolean(12, s.clientTls());
        ps.setString(13, RecordedText.clean(s.applicationName()));
        ps.setString(14, RecordedText.clean(s.matchedRule()));
        ps.setObject(15, utc(s.at()));
        ps.addBatch();
    }

    private static void bindEnd(PreparedStatement ps, SessionEnded e) throws SQLException {
        ps.setObject(1, utc(e.at()));
        ps.setString(2, RecordedText.clean(e.reason()));
        ps.setLong(3, e.bytesFromClient());
        ps.setLong(4, e.bytesToClient());
        ps.setLong(5, e.statements());
        ps.setObject(6, e.sessionId());
        ps.addBatch();
    }

    private void appendAudit(AuditEventBatch audit, RecordedEvent event) {
        switch (event) {
            case SessionStarted s -> {
                Map<String, Object> details = new LinkedHashMap<>(IdentityAttributes.of(s.identity()));
                details.put("sessionId", s.sessionId().toString());
                details.put("protocol", s.protocol());
                details.put("database", RecordedText.clean(s.database()));
                details.put("clientTls", s.clientTls());
                details.put("applicationName", RecordedText.clean(s.applicationName()));
                details.put("matchedRule", RecordedText.clean(s.matchedRule()));
                audit.add(at(s.at()), facts.get(s.sessionId()).actor(), "session.started", TARGET_TYPE, null,
                        targetName(s.connection()), "success", details);
            }
            case StatementExecuted s -> {
                String sql = sqlOf(s);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sessionId", s.sessionId().toString());
                details.put("sequence", s.sequence());
                details.put("protocolMode", s.protocolMode());
                // The text and the parameter values are payloads: they stay in the recording (data_statement), where
                // retention can drop them, and enter the chain only by their hashes (docs/audit-chain.md).
                details.put("sql_sha256", RecordedText.sha256Hex(sql));
                details.put("parameters_sha256", RecordedText.sha256Hex(RecordedText.parametersJson(s.parameters())));
                details.put("parameterCount", s.parameters().size());
                details.put("commandTags", s.commandTags().stream().map(RecordedText::clean).toList());
                details.put("rows", s.rows());
                details.put("durationMicros", s.durationMicros());
                details.put("sqlState", s.sqlState());
                details.put("error", RecordedText.clean(s.errorMessage()));
                details.put("decision", s.decision());
                details.put("decisionRule", RecordedText.clean(s.decisionRule()));
                if (!s.masking().isEmpty()) {
                    // Evidence, never values: which rule masked how many values in which column.
                    details.put("masking", s.masking().stream()
                            .map(e -> RecordedText.clean(e.ruleName()) + " on " + RecordedText.clean(e.column()) + ": " + e.values()).toList());
                }
                SessionFacts session = facts.getOrDefault(s.sessionId(), UNKNOWN_SESSION);
                audit.add(at(s.at()), session.actor(), "statement.executed", TARGET_TYPE, null, targetName(session.connectionName()),
                        outcomeOf(s.sqlState()), details);
                appendGuardrailAudit(audit, s, sql, session);
            }
            case SessionEnded e -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sessionId", e.sessionId().toString());
                details.put("reason", RecordedText.clean(e.reason()));
                details.put("statements", e.statements());
                details.put("bytesFromClient", e.bytesFromClient());
                details.put("bytesToClient", e.bytesToClient());
                SessionFacts session = facts.getOrDefault(e.sessionId(), UNKNOWN_SESSION);
                audit.add(at(e.at()), session.actor(), "session.ended", TARGET_TYPE, null, targetName(session.connectionName()),
                        "success", details);
            }
            case LoginRefused r -> {
                Map<String, Object> details = new LinkedHashMap<>();
                if (r.identity() != null) {
                    details.putAll(IdentityAttributes.of(r.identity()));
                }
                details.put("protocol", r.protocol());
                details.put("database", RecordedText.clean(r.database()));
                details.put("sqlState", r.sqlState());
                details.put("reason", RecordedText.clean(r.reason()));
                details.put("message", RecordedText.clean(r.message()));
                Actor actor = r.identity() == null ? withAddress(ANONYMOUS, r.clientAddress()) : actorOf(r.identity(), r.clientAddress());
                audit.add(at(r.at()), actor, "session.refused", TARGET_TYPE, null, targetName(r.connection()), "denied", details);
            }
        }
    }

    /**
     * A statement guardrails blocked, or let through with an alert, is also an event of its own, so
     * reviewers and alerting find it without reading every statement. It names the session, the
     * connection, the identity (the actor) and the rule; like every audit row it carries no parameter
     * values, and the SQL only as its hash (the statement.executed row before it has the text).
     */
    private static void appendGuardrailAudit(AuditEventBatch audit, StatementExecuted s, String sql, SessionFacts session) {
        String action = switch (s.decision() == null ? "" : s.decision()) {
            case "DENY", "REQUIRE_APPROVAL" -> "statement.blocked";
            case "ALLOW_AND_ALERT" -> "guardrail.alert";
            default -> null;
        };
        if (action == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", s.sessionId().toString());
        details.put("sequence", s.sequence());
        details.put("connection", session.connectionName());
        details.put("identity", session.actor().name());
        details.put("identityKind", session.actor().kind());
        details.put("decision", s.decision());
        details.put("rule", RecordedText.clean(s.decisionRule()));
        details.put("sql_sha256", RecordedText.sha256Hex(sql));
        details.put("message", RecordedText.clean(s.errorMessage()));
        audit.add(at(s.at()), session.actor(), action, TARGET_TYPE, null, targetName(session.connectionName()),
                action.equals("statement.blocked") ? "denied" : "success", details);
    }

    /** Sessions that started in earlier batches: remembered, or read from the store in one query. */
    private void resolveOtherSessions(List<RecordedEvent> batch) throws SQLException {
        Set<UUID> missing = new LinkedHashSet<>();
        for (RecordedEvent event : batch) {
            UUID id = switch (event) {
                case StatementExecuted s -> s.sessionId();
                case SessionEnded e -> e.sessionId();
                default -> null;
            };
            if (id != null && !facts.containsKey(id)) {
                SessionFacts known = knownSessions == null ? null : knownSessions.apply(id);
                if (known != null) {
                    facts.put(id, known);
                } else {
                    missing.add(id);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement find = connection.prepareStatement(FIND_SESSIONS)) {
            find.setArray(1, connection.createArrayOf("uuid", missing.toArray()));
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(4);
                    String username = rs.getString(2);
                    String clientId = rs.getString(3);
                    String name = "agent".equals(kind) && clientId != null ? clientId : username;
                    facts.put(rs.getObject(1, UUID.class), new SessionFacts(new Actor(name, kind, rs.getString(5)), rs.getString(6)));
                }
            }
        }
        // A session the store does not know either: its statement insert fails on the foreign key and
        // the whole batch rolls back; an end for it updates nothing and gets no audit row.
    }

    private static Actor actorOf(Identity identity, String clientAddress) {
        return new Actor(RecordedText.bounded(identity.displayName() == null ? identity.subject() : identity.displayName(), 255),
                identity.kind().wireName(), RecordedText.bounded(clientAddress, 64));
    }

    private static Actor withAddress(Actor actor, String clientAddress) {
        return new Actor(actor.name(), actor.kind(), RecordedText.bounded(clientAddress, 64));
    }

    /** 42501 is what the gateway (or the target) answers when a statement is not allowed. */
    static String outcomeOf(String sqlState) {
        if (sqlState == null) {
            return "success";
        }
        return "42501".equals(sqlState) ? "denied" : "failure";
    }

    static String sqlOf(StatementExecuted s) {
        return s.sql() == null ? "" : RecordedText.clean(s.sql());
    }

    private static String targetName(String connectionName) {
        return RecordedText.bounded(connectionName, 255);
    }

    static Instant at(Instant at) {
        return at == null ? Instant.now() : at;
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at(at).atOffset(ZoneOffset.UTC);
    }
}
