package dev.gatehouse.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Records who looked at the record (FFIEC C9: access to logs is itself logged): viewing a session's
 * recording, exporting a bundle, running a verification. Each read is its own transaction, so a
 * reader with no transaction of their own still leaves a trace.
 */
@ApplicationScoped
public class LogAccessLog {

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sessionViewed(String sessionId, String connection, String view) {
        audit.append(actor.get(), "audit.session_viewed", "session", sessionId, connection, "success", Map.of("view", view));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void accessed(String action, String targetType, String targetId, String targetName, String outcome, Map<String, ?> details) {
        audit.append(actor.get(), action, targetType, targetId, targetName, outcome, details);
    }
}
