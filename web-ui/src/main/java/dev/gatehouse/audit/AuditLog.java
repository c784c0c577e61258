package dev.gatehouse.audit;

import java.util.List;
import java.util.Map;

/** Appends events to the audit trail. There is deliberately no update or delete. */
public interface AuditLog {

    /**
     * Records an event in the caller's transaction, so a change and its audit row commit together or
     * not at all. {@code details} must never contain secrets; values are written as JSON strings.
     */
    AuditEvent append(Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details);

    List<AuditEvent> latest(String targetType, String targetId, int limit);
}
