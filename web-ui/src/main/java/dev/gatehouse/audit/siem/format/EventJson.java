package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gatehouse's own JSON form of an event (docs/siem.md, "NDJSON"), as a map for {@code CanonicalJson}:
 * the NDJSON line and the HEC envelope's {@code event} are this same object.
 */
final class EventJson {

    /** UTC with exactly six fractional digits: the store keeps microseconds, and fixed width sorts as text. */
    static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EventJson() {
    }

    static Map<String, Object> of(ExportedEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", e.seq());
        json.put("time", time(e.occurredAt()));
        json.put("action", e.action());
        json.put("outcome", e.outcome());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("name", e.actor());
        actor.put("kind", e.actorKind());
        actor.put("address", e.clientAddress());
        json.put("actor", actor);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("type", e.targetType());
        target.put("id", e.targetId());
        target.put("name", e.targetName());
        json.put("target", target);
        json.put("details", e.details());
        if (e.statementEvent()) {
            json.put("statement", e.statementText());
        }
        json.put("hash", e.hash());
        json.put("prev_hash", e.prevHash());
        return json;
    }

    static String time(Instant instant) {
        return MICROS.format(instant);
    }
}
