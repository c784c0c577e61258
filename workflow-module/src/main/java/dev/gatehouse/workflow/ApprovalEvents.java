package dev.gatehouse.workflow;

/**
 * Implemented by the application to turn approval events into audit events. Gatehouse's audit
 * chain is the record of truth; Camunda's history is operational (docs/approvals.md).
 *
 * <p>Events are reported from inside the engine's transaction. {@link ApprovalEvent.AttemptRefused}
 * is reported just before that transaction rolls back, so an implementation must record it in a
 * transaction of its own (REQUIRES_NEW), or it is lost with the refused change.
 */
@FunctionalInterface
public interface ApprovalEvents {

    ApprovalEvents NONE = event -> {
    };

    void record(ApprovalEvent event);
}
