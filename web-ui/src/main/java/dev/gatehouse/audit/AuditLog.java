package dev.gatehouse.audit;

import dev.gatehouse.proxy.audit.ChainedEvent;
import java.util.List;
import java.util.Map;

/** Appends events to the audit trail. There is deliberately no update or delete. */
public interface AuditLog {

    /**
     * Records an event in the caller's transaction, so a change and its audit row commit together or
     * not at all. {@code details} must never contain secrets; values are written as JSON strings.
     * The row is chained (ADR 0012): call this last in the transaction, since the chain lock is held until commit.
     */
    ChainedEvent append(Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details);

    List<AuditEvent> latest(String targetType, String targetId, int limit);
}
