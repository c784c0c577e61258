package dev.gatehouse.audit.siem;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exported events as the store gives them, for the format and delivery tests: one of every kind Gatehouse writes. */
public final class SampleEvents {

    public static final Instant AT = Instant.parse("2025-01-06T10:15:30.123456Z");
    public static final String SESSION = "7f1b4c2e-2d5a-4e57-9c1a-0d9f3b6a8e21";

    private SampleEvents() {
    }

    public static ExportedEvent statementExecuted() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", SESSION);
        details.put("sequence", new BigDecimal("3"));
        details.put("protocolMode", "simple");
        details.put("sql_sha256", "a".repeat(64));
        details.put("parameters_sha256", "b".repeat(64));
        details.put("parameterCount", new BigDecimal("0"));
        details.put("commandTags", List.of("SELECT 2"));
        details.put("rows", new BigDecimal("2"));
        details.put("durationMicros", new BigDecimal("1532"));
        details.put("sqlState", null);
        details.put("error", null);
        details.put("decision", "ALLOW");
        details.put("decisionRule", null);
        return new ExportedEvent(42, AT, "alice", "human", "10.1.2.3", "statement.executed", "connection", null, "payments-prod", "success",
                details, "select id, amount from payments where id in (1, 2)", "c".repeat(64), "d".repeat(64));
    }

    public static ExportedEvent statementBlocked() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", SESSION);
        details.put("sequence", new BigDecimal("4"));
        details.put("connection", "payments-prod");
        details.put("identity", "ci-agent");
        details.put("identityKind", "agent");
        details.put("decision", "DENY");
        details.put("rule", "no-drop");
        details.put("sql_sha256", "e".repeat(64));
        details.put("message", "blocked by guardrail no-drop: not on payments");
        return new ExportedEvent(43, AT, "service-account-ci-agent", "agent", "2001:db8::7", "statement.blocked", "connection", null,
                "payments-prod", "denied", details, "drop table payments", "f".repeat(64), "c".repeat(64));
    }

    public static ExportedEvent guardrailAlert() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", SESSION);
        details.put("sequence", new BigDecimal("5"));
        details.put("connection", "payments-prod");
        details.put("decision", "ALLOW_AND_ALERT");
        details.put("rule", "watch-deletes");
        details.put("sql_sha256", "1".repeat(64));
        return new ExportedEvent(44, AT, "alice", "human", "10.1.2.3", "guardrail.alert", "connection", null, "payments-prod", "success",
                details, null, "2".repeat(64), "f".repeat(64));
    }

    public static ExportedEvent connectionCreated() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", "payments-prod");
        details.put("host", "db.internal");
        details.put("port", new BigDecimal("5432"));
        details.put("secretSet", true);
        return new ExportedEvent(7, AT, "alice", "human", "127.0.0.1", "connection.created", "connection",
                "0b8a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "payments-prod", "success", details, null, "3".repeat(64), "4".repeat(64));
    }

    public static ExportedEvent purged() {
        return new ExportedEvent(8, AT, "bob", "human", null, "statement.executed", "connection", null, "payments-prod", "success", null,
                null, "5".repeat(64), "3".repeat(64));
    }

    /** At least one event for every action Gatehouse writes today, plus ones it will write, plus edge cases. */
    public static List<ExportedEvent> everyKind() {
        List<ExportedEvent> events = new ArrayList<>(List.of(statementExecuted(), statementBlocked(), guardrailAlert(), connectionCreated(),
                purged()));
        long seq = 100;
        events.add(simple(seq++, "auth.login", "alice", "human", "ui", null, "web-ui", "success",
                Map.of("subject", "0c5e", "username", "alice", "authMethod", "oidc")));
        events.add(simple(seq++, "auth.rejected", "unauthenticated", "anonymous", "endpoint", null, "/api/v1/connections", "failure",
                Map.of("reason", "expired", "message", "the token has expired")));
        events.add(simple(seq++, "session.refused", "anonymous", "anonymous", "connection", null, "payments-prod", "denied",
                Map.of("sqlState", "28P01", "reason", "bad_token", "protocol", "postgres")));
        events.add(simple(seq++, "session.started", "alice", "human", "connection", null, "payments-prod", "success",
                Map.of("sessionId", SampleEvents.SESSION, "protocol", "postgres", "database", "payments")));
        events.add(simple(seq++, "session.ended", "alice", "human", "connection", null, "payments-prod", "success",
                Map.of("sessionId", SampleEvents.SESSION, "reason", "client closed", "statements", new BigDecimal("5"))));
        for (String action : List.of("agent.registered", "agent.enabled", "agent.disabled", "agent.secret-rotated", "agent.deleted")) {
            events.add(simple(seq++, action, "alice", "human", "agent", "ci-agent", "ci-agent", "success", Map.of()));
        }
        events.add(simple(seq++, "token.issued", "bob", "human", "token", "6a1d", "bob", "success",
                Map.of("kind", "human", "lifetimeSeconds", new BigDecimal("900"))));
        events.add(simple(seq++, "token.revoked", "alice", "human", "token", "6a1d", "bob", "success", Map.of("owner", "bob")));
        for (String action : List.of("connection.updated", "connection.deleted", "connection.tested", "guardrail.created", "guardrail.updated",
                "guardrail.deleted", "guardrail.reordered", "guardrail.settings_changed", "siem_sink.created", "siem_sink.updated",
                "siem_sink.deleted", "audit.verified", "retention.purged", "approval.requested", "masking.created")) {
            events.add(simple(seq++, action, "alice", "human", action.substring(0, action.indexOf('.')), "id-" + seq, "name-" + seq,
                    "success", Map.of("changedFields", List.of("enabled"))));
        }
        events.add(simple(seq++, "guardrail.pack_applied", "alice", "human", "guardrail_pack", "pci", "pci", "success",
                Map.of("rules", List.of("no-drop", "no-truncate"))));
        events.add(simple(seq++, "retention.purged", "gatehouse", "system", "retention", null, null, "success",
                Map.of("purged", new BigDecimal("12"))));
        events.add(simple(seq, "weird.thing", "someone", "unknown", "thing", null, "odd | name = with\\stuff\nand lines", "failure",
                Map.of("error", "went = wrong | badly\r\nsecond line")));
        events.add(new ExportedEvent(0, AT, "alice", "human", "127.0.0.1", ExportedEvent.TEST_ACTION, "siem_sink", "s-1", "splunk",
                "success", Map.of("message", "Gatehouse SIEM test event"), null, null, null));
        return events;
    }

    public static ExportedEvent simple(long seq, String action, String actor, String kind, String targetType, String targetId, String targetName,
            String outcome, Map<String, Object> details) {
        return new ExportedEvent(seq, AT, actor, kind, "192.0.2.10", action, targetType, targetId, targetName, outcome, details, null,
                Long.toHexString(seq).repeat(2), Long.toHexString(seq - 1).repeat(2));
    }
}
