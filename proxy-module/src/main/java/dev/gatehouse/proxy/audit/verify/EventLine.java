package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a bundle's events.ndjson: every field of the chained event, the details as a JSON
 * object (null once purged) and the statement payload (null when there is none), written as
 * canonical JSON so a line never contains a raw line break.
 */
final class EventLine {

    private EventLine() {
    }

    static String write(AuditRecord record) {
        ChainedEvent e = record.event();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", e.seq());
        line.put("occurred_at", ChainedEvent.formatTime(e.occurredAt()));
        line.put("action", e.action());
        line.put("actor", e.actor());
        line.put("actor_kind", e.actorKind());
        line.put("client_address", e.clientAddress());
        line.put("target_type", e.targetType());
        line.put("target_id", e.targetId());
        line.put("target_name", e.targetName());
        line.put("outcome", e.outcome());
        line.put("details_sha256", e.detailsSha256());
        line.put("prev_hash", e.prevHash());
        line.put("hash", e.hash());
        line.put("details", record.details());
        StatementPayload payload = record.payload();
        if (payload == null) {
            line.put("payload", null);
        } else {
            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("sql", payload.sql());
            recorded.put("parameters", payload.parameters());
            line.put("payload", recorded);
        }
        return CanonicalJson.write(line);
    }

    /** Reads a line back; throws IllegalArgumentException saying what is wrong with it. */
    static AuditRecord read(String text) {
        if (!(CanonicalJson.parse(text) instanceof Map<?, ?> line)) {
            throw new IllegalArgumentException("an event line is a JSON object");
        }
        try {
            ChainedEvent event = new ChainedEvent(number(line, "seq"), Instant.parse(string(line, "occurred_at")), string(line, "action"),
                    string(line, "actor"), string(line, "actor_kind"), string(line, "client_address"), string(line, "target_type"),
                    string(line, "target_id"), string(line, "target_name"), string(line, "outcome"), string(line, "details_sha256"),
                    string(line, "prev_hash"), string(line, "hash"));
            return new AuditRecord(event, line.get("details"), payload(line.get("payload")));
        } catch (ClassCastException | ArithmeticException | DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("an event line needs seq, occurred_at and the chain's other fields with their JSON types", e);
        }
    }

    private static StatementPayload payload(Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> payload = (Map<?, ?>) value;
        return new StatementPayload((String) payload.get("sql"), (String) payload.get("parameters"));
    }

    private static long number(Map<?, ?> line, String field) {
        return ((BigDecimal) line.get(field)).longValueExact();
    }

    private static String string(Map<?, ?> line, String field) {
        return (String) line.get(field);
    }
}
