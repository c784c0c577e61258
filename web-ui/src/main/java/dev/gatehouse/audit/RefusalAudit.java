package dev.gatehouse.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Records a refused admin action (issue 17: the store as a target, a self-serving grant, an agent
 * given a person's powers, a request over its ceiling) in a transaction of its own. The action
 * itself is rolled back with its exception, so "nothing half-changes"; its refusal must still reach
 * the audit trail, where the compliance dashboard and the evidence pack count it.
 */
@ApplicationScoped
public class RefusalAudit {

    @Inject
    AuditLog audit;

    /** Outcome {@code denied}; {@code details} must name the {@code reason} and never hold a secret. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Actor actor, String action, String targetType, String targetId, String targetName, Map<String, ?> details) {
        audit.append(actor, action, targetType, targetId, targetName, "denied", details);
    }
}
