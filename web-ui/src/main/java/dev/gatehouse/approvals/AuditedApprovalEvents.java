package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The engine's events, as the application takes them: each is fired as a CDI event inside the
 * engine's transaction ({@link ApprovalOutcomes} records grants for the data path) and then
 * written to the audit trail.
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
        // Observers write the data path's tables first: the audit row is appended last, as AuditLog asks.
        fired.fire(event);
        trail.recordStep(event);
    }
}
