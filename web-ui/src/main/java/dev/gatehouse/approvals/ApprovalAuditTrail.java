package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the engine's approval events to the audit trail, the record of truth (docs/approvals.md).
 * A step is written in the engine's own transaction, so the audit row commits or rolls back with
 * the change it describes. A refused attempt is reported just before the engine's transaction
 * rolls back, so it is written in a transaction of its own.
 */
@ApplicationScoped
public class ApprovalAuditTrail {

    static final String TARGET_TYPE = "approval";

    @Inject
    AuditLog audit;

    @Inject
    Instance<CurrentActor> currentActor;

    @Transactional(Transactional.TxType.REQUIRED)
    public void recordStep(ApprovalEvent event) {
        write(event);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(ApprovalEvent event) {
        write(event);
    }

    /** Written by the gateway itself (grant used, revoked, request refused for the data path). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Actor actor, String action, String requestId, String outcome, Map<String, ?> details) {
        audit.append(actor, action, TARGET_TYPE, requestId, null, outcome, details);
    }

    private void write(ApprovalEvent event) {
        audit.append(actorOf(event.actor()), action(event), TARGET_TYPE, event.requestId(), null,
                event instanceof ApprovalEvent.AttemptRefused ? "denied" : "success", details(event));
    }

    /** The caller of the current HTTP request when it is the event's actor (it carries the client address). */
    private Actor actorOf(String name) {
        if (ApprovalEvent.ENGINE.equals(name)) {
            return new Actor(name, "system", null);
        }
        try {
            Actor caller = currentActor.get().get();
            if (name.equals(caller.name())) {
                return caller;
            }
        } catch (RuntimeException outsideRequest) {
            // a timer or the data path: no HTTP request to take an address from
        }
        return new Actor(name, "human", null);
    }

    static String action(ApprovalEvent event) {
        return switch (event) {
            case ApprovalEvent.RequestCreated e -> "approval.requested";
            case ApprovalEvent.TaskClaimed e -> "approval.claimed";
            case ApprovalEvent.TaskUnclaimed e -> "approval.unclaimed";
            case ApprovalEvent.Decided e -> e.verdict() == Verdict.APPROVE ? "approval.approved" : "approval.rejected";
            case ApprovalEvent.Escalated e -> "approval.escalated";
            case ApprovalEvent.GrantIssued e -> "approval.grant-issued";
            case ApprovalEvent.RequestClosed e -> e.outcome() == Outcome.EXPIRED ? "approval.expired" : "approval.closed";
            case ApprovalEvent.AttemptRefused e -> "approval.refused";
        };
    }

    static Map<String, Object> details(ApprovalEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("at", event.at().toString());
        switch (event) {
            case ApprovalEvent.RequestCreated e -> {
                details.put("kind", String.valueOf(e.kind()));
                details.put("connection", e.connection());
            }
            case ApprovalEvent.TaskClaimed e -> details.put("step", e.step());
            case ApprovalEvent.TaskUnclaimed e -> details.put("step", e.step());
            case ApprovalEvent.Decided e -> {
                details.put("step", e.step());
                details.put("comment", e.comment());
            }
            case ApprovalEvent.Escalated e -> {
                details.put("step", e.step());
                details.put("action", String.valueOf(e.action()));
                details.put("group", e.group());
            }
            case ApprovalEvent.GrantIssued e -> {
                details.put("kind", String.valueOf(e.kind()));
                details.put("requester", e.requester());
                details.put("connection", e.connection());
                details.put("validFrom", e.validFrom().toString());
                details.put("validUntil", e.validUntil().toString());
            }
            case ApprovalEvent.RequestClosed e -> details.put("outcome", e.outcome().name());
            case ApprovalEvent.AttemptRefused e -> {
                details.put("reason", e.reason().name());
                details.put("message", e.message());
            }
        }
        details.values().removeIf(Objects::isNull);
        return details;
    }
}
