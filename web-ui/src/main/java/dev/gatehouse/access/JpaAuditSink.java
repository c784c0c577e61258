package dev.gatehouse.access;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.proxy.api.AuditSink;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy's audit port, written straight to the append-only table in its own transaction. The
 * data path will put a bounded queue in front of it; callers here are request threads.
 */
@ApplicationScoped
public class JpaAuditSink implements AuditSink {

    @Inject
    AuditLog audit;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Identity identity, String action, String targetType, String targetName, String outcome, Map<String, ?> attributes) {
        Map<String, Object> details = new LinkedHashMap<>(IdentityAttributes.of(identity));
        details.putAll(attributes);
        audit.append(new Actor(identity.displayName(), identity.kind().wireName(), null), action, targetType, null, targetName, outcome, details);
    }
}
