package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The engine's events, as the application takes them: each is written to the audit trail and then
 * fired as a CDI event, so the data path's caches learn of grants with
 * {@code @Observes(during = AFTER_SUCCESS)}, once the engine's transaction has committed.
 */
@ApplicationScoped
public class AuditedApprovalEvents implements ApprovalEvents {

    @Inject
    ApprovalAuditTrail trail;

    @Inject
    Event<ApprovalEvent> fired;

    @Override
    public void record(ApprovalEvent event) {
        if (event instanceof ApprovalEvent.AttemptRefused) {
            // The engine's transaction rolls back after this; the refusal must outlive it.
            trail.recordAlone(event);
            return;
        }
        trail.recordStep(event);
        fired.fire(event);
    }
}
