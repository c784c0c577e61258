package dev.gatehouse.evidence.collect;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rows inside and outside the period [2026-03-01, 2026-03-08) and inside and outside the scope
 * (connection "pay" by name and "crm" by label tier=gold; "hr" is out), written the way the
 * application writes them (audit rows through the real chain appender).
 */
final class EvidenceFixture {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-08T00:00:00Z");
    static final PackScope SCOPE = new PackScope(FROM, TO, List.of("pay"), List.of("tier=gold"), Set.of());
    static final Set<String> IN_SCOPE = Set.of("pay", "crm");
    static final String SECRET_PARAMETER = "SECRET-PARAM-4242";

    static final UUID S_PAY = id(1);            // alice on pay, in the period
    static final UUID S_CRM = id(2);            // etl-bot on crm, in the period
    static final UUID S_HR = id(3);             // on hr: out of scope
    static final UUID S_PAY_BEFORE = id(4);     // pay, ended before the period
    static final UUID S_PAY_SPANNING = id(5);   // pay, started before, ended inside
    static final UUID S_MALLORY = id(6);        // pay, an identity the provider does not know
    static final UUID RULE_PAN = id(11);        // masking on '*'
    static final UUID RULE_HR = id(12);         // masking on hr: out
    static final UUID RULE_EMAIL = id(13);      // masking on crm
    static final UUID CAMPAIGN = id(21);
    static final UUID UNKNOWN_SESSION = id(99); // a blocked statement whose recording is gone

    static final List<InventoryIdentity> INVENTORY = List.of(
            new InventoryIdentity("alice", "human", Set.of("payments"), true),
            new InventoryIdentity("bob", "human", Set.of("gatehouse-approver"), true),
            new InventoryIdentity("carol", "human", Set.of("crm-user"), true),
            new InventoryIdentity("dora", "human", Set.of("gatehouse-auditor"), true),
            new InventoryIdentity("etl-bot", "agent", Set.of("crm-user"), true),
            new InventoryIdentity("dave", "human", Set.of("payments"), false),
            new InventoryIdentity("=cmd|' /C calc'!A0", "human", Set.of(), true));

    private EvidenceFixture() {
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    static Instant at(String dayAndTime) {
        return Instant.parse("2026-" + dayAndTime + "Z");
    }

    static void seed(Connection c) throws SQLException {
        c.setAutoCommit(false);
        connection(c, id(31), "pay", "env", "prod", "role:payments");
        connection(c, id(32), "crm", "tier", "gold", "crm-user");
        connection(c, id(33), "hr", "tier", "silver", "hr");
        session(c, S_PAY, "alice", null, "human", "password", "pay", at("03-02T10:00:00"), at("03-02T11:00:00"));
        session(c, S_CRM, null, "etl-bot", "agent", "client_credentials", "crm", at("03-03T09:00:00"), null);
        session(c, S_HR, "alice", null, "human", "password", "hr", at("03-02T10:00:00"), at("03-02T10:30:00"));
        session(c, S_PAY_BEFORE, "alice", null, "human", "password", "pay", at("02-20T10:00:00"), at("02-20T11:00:00"));
        session(c, S_PAY_SPANNING, "carol", null, "human", "password", "pay", at("02-28T23:00:00"), at("03-01T01:00:00"));
        session(c, S_MALLORY, "mallory", null, "human", null, "pay", at("03-05T08:00:00"), at("03-05T08:05:00"));
        String pan = "[{\"ruleId\":\"" + RULE_PAN + "\",\"rule\":\"pan\",\"column\":\"cards.pan\",\"values\":3}]";
        statement(c, S_PAY, 1, at("03-02T10:01:00"), "select pan from cards where id = $1", "ALLOW", null, null, pan);
        statement(c, S_PAY, 2, at("03-02T10:02:00"), "delete from accounts where note = 'a, \"quoted\"\nsecond line'", "DENY", "no-deletes",
                "blocked by guardrail \"no-deletes\": deletes are not allowed", null);
        statement(c, S_PAY, 3, at("03-02T10:03:00"), "update accounts set limit = 5", "DENY", "changes-need-approval",
                "blocked by guardrail \"changes-need-approval\": approval required: req-1 (follow it at https://gh/r/req-1)", null);
        statement(c, S_PAY, 4, at("03-02T10:20:00"), "update accounts set limit = 5", "ALLOW", "changes-need-approval", null, null);
        statement(c, S_PAY, 5, at("03-02T10:30:00"), null, "ALLOW", null, null, null);
        statement(c, S_PAY, 6, at("03-02T10:40:00"), "=1+1", null, null, null, null);
        statement(c, S_CRM, 1, at("03-03T09:01:00"), "select email from customers", "ALLOW", null, null,
                "[{\"ruleId\":\"" + RULE_EMAIL + "\",\"rule\":\"email\",\"column\":\"email\",\"values\":5},"
                        + "{\"ruleId\":\"" + RULE_PAN + "\",\"rule\":\"pan\",\"column\":\"pan\",\"values\":2}]");
        statement(c, S_HR, 1, at("03-02T10:05:00"), "drop table salaries", "DENY", "no-ddl", "blocked", 
                "[{\"ruleId\":\"" + RULE_HR + "\",\"rule\":\"salary\",\"column\":\"salary\",\"values\":100}]");
        statement(c, S_PAY_BEFORE, 1, at("02-20T10:01:00"), "delete from x", "DENY", "no-deletes", "blocked", pan);
        statement(c, S_PAY_SPANNING, 1, at("02-28T23:30:00"), "select 1", "ALLOW", null, null, null);
        statement(c, S_PAY_SPANNING, 2, at("03-01T00:30:00"), "insert into audit_notes values (1)", "ALLOW", null, null, null);
        exec(c, "update data_statement set payload_purged_at = '2026-03-07T00:00:00Z', parameters = null where session_id = '" + S_PAY + "' and sequence = 5");
        governance(c);
        approvals(c);
        c.commit();
        audit(c);
        c.commit();
    }

    private static void governance(Connection c) throws SQLException {
        exec(c, "insert into masking_rule (id, name, connection_name, position, target_kind, detector, method, created_by, created_at,"
                + " updated_by, updated_at) values ('" + RULE_PAN + "', 'pan', '*', 1, 'detector', 'pan', 'redact', 'admin', now(), 'admin', now()),"
                + " ('" + RULE_HR + "', 'salary', 'hr', 2, 'detector', 'email', 'redact', 'admin', now(), 'admin', now()),"
                + " ('" + RULE_EMAIL + "', 'email', 'crm', 3, 'detector', 'email', 'partial', 'admin', now(), 'admin', now())");
        exec(c, "insert into masking_exemption (id, username, connection_name, reason, starts_at, ends_at, granted_by, granted_at) values"
                + " ('" + id(41) + "', 'carol', 'crm', 'incident 7', '2026-03-04T00:00:00Z', '2026-03-04T04:00:00Z', 'bob', '2026-03-03T23:00:00Z'),"
                + " ('" + id(42) + "', 'carol', 'hr', 'out of scope', '2026-03-04T00:00:00Z', '2026-03-05T00:00:00Z', 'bob', '2026-03-03T23:00:00Z'),"
                + " ('" + id(43) + "', 'alice', 'pay', 'before', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z', 'bob', '2026-02-01T00:00:00Z')");
        exec(c, "insert into retention_policy (connection_name, payload_days, recording_days, audit_days, updated_by, updated_at)"
                + " values ('pay', 30, 90, 365, 'admin', now()), ('hr', 1, 1, 1, 'admin', now())");
        exec(c, "insert into retention_run (id, triggered_via, triggered_by, started_at, finished_at, outcome) values"
                + " ('" + id(51) + "', 'schedule', 'gatehouse', '2026-03-03T02:00:00Z', '2026-03-03T02:01:00Z', 'completed'),"
                + " ('" + id(52) + "', 'schedule', 'gatehouse', '2026-03-04T02:00:00Z', '2026-03-04T02:01:00Z', 'failed'),"
                + " ('" + id(53) + "', 'schedule', 'gatehouse', '2026-02-03T02:00:00Z', '2026-02-03T02:01:00Z', 'completed')");
        exec(c, "insert into siem_sink (id, name, format, transport, endpoint, sealed_token, cursor_seq, delivered_count, consecutive_failures,"
                + " last_error, created_by, created_at, updated_at) values ('" + id(61) + "', 'splunk', 'hec', 'http',"
                + " 'https://user:hunter2@siem.example/x', 'gh1:k:SEALEDTOKEN', 2, 2, 3, 'POST https://user:hunter2@siem.example/x: 503',"
                + " 'admin', now(), now())");
        exec(c, "insert into access_review_campaign (id, name, connections, created_by, created_at, due_at, status) values"
                + " ('" + CAMPAIGN + "', 'Q1 review', '{}', 'dora', '2026-03-02T00:00:00Z', '2026-03-06T00:00:00Z', 'open'),"
                + " ('" + id(22) + "', 'hr only', '{hr}', 'dora', '2026-03-02T00:00:00Z', null, 'open')");
        exec(c, "insert into access_review_item (id, campaign_id, identity_name, identity_kind, connection_name, access_via, decision,"
                + " decided_by, decided_at) values ('" + id(23) + "', '" + CAMPAIGN + "', 'alice', 'human', 'pay', 'role:payments', 'confirmed', 'bob', '2026-03-03T00:00:00Z'),"
                + " ('" + id(24) + "', '" + CAMPAIGN + "', 'etl-bot', 'agent', 'crm', 'role:crm-user', 'revoked', 'bob', '2026-03-03T00:00:00Z'),"
                + " ('" + id(25) + "', '" + CAMPAIGN + "', 'alice', 'human', 'hr', 'role:hr', 'confirmed', 'alice', '2026-03-03T00:00:00Z')");
        exec(c, "insert into access_revocation (id, identity_name, connection_name, item_id, reason, revoked_by, revoked_at) values"
                + " ('" + id(26) + "', 'etl-bot', 'crm', '" + id(24) + "', 'review', 'bob', '2026-03-03T00:00:00Z')");
    }

    private static void approvals(Connection c) throws SQLException {
        exec(c, "insert into statement_approval (request_id, requester, connection_name, statement_hash, statement, rule_name, status,"
                + " created_at, valid_from, valid_until, used_at) values ('req-1', 'alice', 'pay', '" + "a".repeat(64) + "',"
                + " 'update accounts set limit = 5', 'changes-need-approval', 'APPROVED', '2026-03-02T10:03:00Z', '2026-03-02T10:10:00Z',"
                + " '2026-03-02T12:00:00Z', '2026-03-02T10:20:00Z'),"
                + " ('req-0', 'alice', 'pay', '" + "b".repeat(64) + "', 'x', 'r', 'EXPIRED', '2026-02-10T00:00:00Z', null, null, null)");
        exec(c, "insert into access_grant (request_id, requester, connection_name, reason, valid_from, valid_until) values"
                + " ('req-2', 'carol', 'crm', 'month end', '2026-03-04T09:00:00Z', '2026-03-04T13:00:00Z'),"
                + " ('req-9', 'alice', 'hr', 'out', '2026-03-04T09:00:00Z', '2026-03-04T13:00:00Z')");
    }

    private static void audit(Connection c) throws SQLException {
        AuditEventBatch b = new AuditEventBatch(c);
        Actor alice = new Actor("alice", "human", "10.0.0.1");
        Actor bob = new Actor("bob", "human", "10.0.0.2");
        Actor dora = new Actor("dora", "human", "10.0.0.4");
        Actor engine = new Actor("gatehouse-workflow", "system", null);
        blocked(b, alice, S_PAY, 2, "pay", "DENY", at("03-02T10:02:00"), "blocked by guardrail \"no-deletes\": deletes are not allowed");
        blocked(b, alice, S_PAY, 3, "pay", "DENY", at("03-02T10:03:00"), "blocked by guardrail: approval required: req-1");
        blocked(b, alice, S_HR, 1, "hr", "DENY", at("03-02T10:05:00"), "blocked");
        blocked(b, alice, UNKNOWN_SESSION, 7, "pay", "DENY", at("03-06T10:00:00"), "blocked by guardrail \"no-ddl\": no");
        step(b, alice, "approval.requested", "req-1", at("03-02T10:03:00"), Map.of("kind", "COMMAND_REVIEW", "connection", "pay"));
        step(b, bob, "approval.claimed", "req-1", at("03-02T10:04:00"), Map.of("step", "lead"));
        b.add(at("03-02T10:05:00"), alice, "approval.refused", "approval", "req-1", null, "denied",
                Map.of("reason", "SEPARATION_OF_DUTIES", "message", "alice requested this and cannot approve or reject it"));
        step(b, bob, "approval.approved", "req-1", at("03-02T10:10:00"), Map.of("step", "lead", "comment", "ok, \"urgent\""));
        step(b, engine, "approval.closed", "req-1", at("03-02T10:10:01"), Map.of("outcome", "APPROVED"));
        step(b, alice, "approval.grant-used", "req-1", at("03-02T10:20:00"), Map.of("connection", "pay"));
        step(b, carolActor(), "approval.requested", "req-2", at("03-04T08:00:00"), Map.of("kind", "ACCESS_REQUEST", "connection", "crm"));
        step(b, bob, "approval.approved", "req-2", at("03-04T09:00:00"), Map.of("step", "owner"));
        step(b, engine, "approval.grant-issued", "req-2", at("03-04T09:00:00"), Map.of("connection", "crm"));
        step(b, engine, "approval.closed", "req-2", at("03-04T09:00:01"), Map.of("outcome", "APPROVED"));
        step(b, alice, "approval.requested", "req-3", at("03-04T08:00:00"), Map.of("kind", "ACCESS_REQUEST", "connection", "hr"));
        step(b, bob, "approval.rejected", "req-3", at("03-04T08:30:00"), Map.of("step", "owner", "comment", "no"));
        step(b, new Actor("dave", "human", null), "approval.requested", "req-4", at("03-05T08:00:00"),
                Map.of("kind", "ACCESS_REQUEST", "connection", "pay"));
        step(b, bob, "approval.rejected", "req-4", at("03-05T12:00:00"), Map.of("step", "owner", "comment", "not needed"));
        step(b, engine, "approval.closed", "req-4", at("03-05T12:00:01"), Map.of("outcome", "REJECTED"));
        step(b, alice, "approval.requested", "req-0", at("02-10T00:00:00"), Map.of("kind", "COMMAND_REVIEW", "connection", "pay"));
        step(b, bob, "approval.approved", "req-0", at("02-10T01:00:00"), Map.of("step", "lead"));
        b.add(at("03-02T09:00:00"), new Actor("eve", "human", "10.9.9.9"), "session.refused", "connection", null, "pay", "denied",
                Map.of("reason", "not_allowed", "sqlState", "28000"));
        b.add(at("03-02T09:00:00"), new Actor("eve", "human", "10.9.9.9"), "session.refused", "connection", null, "hr", "denied",
                Map.of("reason", "not_allowed", "sqlState", "28000"));
        b.add(at("03-03T09:00:00"), new Actor("unauthenticated", "anonymous", "10.9.9.8"), "auth.rejected", "endpoint", null,
                "/api/v1/connections", "failure", Map.of("reason", "expired"));
        b.add(at("03-03T09:30:00"), new Actor("eve", "human", null), "access.decided", "connection", null, "crm", "denied",
                Map.of("reason", "no role", "matchedEntry", ""));
        b.add(at("03-06T15:00:00"), dora, "audit.session_viewed", "session", S_PAY.toString(), "pay", "success", Map.of("view", "statements"));
        b.add(at("03-06T15:05:00"), dora, "audit.session_viewed", "session", S_HR.toString(), "hr", "success", Map.of("view", "statements"));
        b.add(at("03-07T09:00:00"), dora, "audit.verified", "audit_chain", null, "audit_event", "success", Map.of("from", 1, "intact", true));
        b.add(at("02-15T09:00:00"), dora, "audit.exported", "audit_chain", null, "audit_event", "success", Map.of("events", 3));
        b.add(at("03-07T10:00:00"), dora, "evidence.downloaded", "evidence_pack", id(70).toString(), null, "success", Map.of());
        // Issue 17: alice tried to unmask for herself; an agent tried to decide.
        b.add(at("03-05T09:00:00"), alice, "masking.exemption_refused", "masking_exemption", null, "alice", "denied",
                Map.of("reason", "self_grant"));
        b.add(at("03-05T09:30:00"), new Actor("etl-bot", "agent", null), "approval.refused", "approval", "req-4", null, "denied",
                Map.of("reason", "SERVICE_ACCOUNT", "attempt", "decide"));
        b.add(at("03-04T02:01:00"), Actor.SYSTEM, "retention.purged", "retention", id(52).toString(), "purge", "failure", Map.of("statements", 1));
        b.execute();
    }

    private static Actor carolActor() {
        return new Actor("carol", "human", "10.0.0.3");
    }

    private static void step(AuditEventBatch b, Actor actor, String action, String request, Instant at, Map<String, ?> details) {
        b.add(at, actor, action, "approval", request, null, actor.kind().equals("system") ? "success" : "success", details);
    }

    private static void blocked(AuditEventBatch b, Actor actor, UUID session, long sequence, String connection, String decision, Instant at,
            String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", session.toString());
        details.put("sequence", sequence);
        details.put("connection", connection);
        details.put("identity", actor.name());
        details.put("decision", decision);
        details.put("rule", "r");
        details.put("sql_sha256", "c".repeat(64));
        details.put("message", message);
        b.add(at, actor, "statement.blocked", "connection", null, connection, "denied", details);
    }

    private static void connection(Connection c, UUID id, String name, String labelKey, String labelValue, String role) throws SQLException {
        exec(c, "insert into connection (id, name, type, host, port, tls_mode, created_at, updated_at) values ('" + id + "', '" + name
                + "', 'postgres', 'db', 5432, 'disable', now(), now())");
        exec(c, "insert into connection_label values ('" + id + "', '" + labelKey + "', '" + labelValue + "')");
        exec(c, "insert into connection_allowed_role values ('" + id + "', '" + role + "')");
    }

    static void session(Connection c, UUID id, String username, String clientId, String kind, String authMethod, String connection,
            Instant started, Instant ended) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into data_session (id, identity_subject, username, client_id, identity_kind,"
                + " auth_method, protocol, connection_name, client_tls, started_at, ended_at) values (?, ?, ?, ?, ?, ?, 'postgres', ?, true, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, "sub-" + (username == null ? clientId : username));
            ps.setString(3, username);
            ps.setString(4, clientId);
            ps.setString(5, kind);
            ps.setString(6, authMethod);
            ps.setString(7, connection);
            ps.setObject(8, utc(started));
            ps.setObject(9, ended == null ? null : utc(ended));
            ps.executeUpdate();
        }
    }

    static void statement(Connection c, UUID session, long sequence, Instant started, String sql, String decision, String rule,
            String error, String masking) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into data_statement (session_id, sequence, started_at, duration_micros,"
                + " protocol_mode, sql_text, parameters, command_tags, row_count, sql_state, error_message, decision, decision_rule, masking)"
                + " values (?, ?, ?, 1500, 'simple', ?, ?, ?, 1, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, session);
            ps.setLong(2, sequence);
            ps.setObject(3, utc(started));
            ps.setString(4, sql);
            ps.setString(5, "[{\"index\":1,\"value\":\"" + SECRET_PARAMETER + "\"}]");
            ps.setString(6, error == null ? "SELECT 1" : null);
            ps.setString(7, error == null ? null : "42501");
            ps.setString(8, error);
            ps.setString(9, decision);
            ps.setString(10, rule);
            ps.setString(11, masking);
            ps.executeUpdate();
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static PackScope scope(Set<FfiecControl> controls) {
        return new PackScope(FROM, TO, List.of("pay"), List.of("tier=gold"), controls);
    }
}
