package dev.gatehouse.workflow;

import dev.gatehouse.workflow.chain.EscalationAction;
import java.time.Instant;

/**
 * Something that happened to an approval request, reported to {@link ApprovalEvents} so the
 * application can write its audit chain. {@code actor} is the user, or {@link #ENGINE} for what
 * the process did by itself (timers, grants).
 */
public sealed interface ApprovalEvent {

    String ENGINE = "gatehouse-workflow";

    String requestId();

    String actor();

    Instant at();

    record RequestCreated(String requestId, String actor, Instant at, RequestKind kind, String connection)
            implements ApprovalEvent {
    }

    record TaskClaimed(String requestId, String actor, Instant at, String taskId, String step) implements ApprovalEvent {
    }

    record TaskUnclaimed(String requestId, String actor, Instant at, String taskId, String step) implements ApprovalEvent {
    }

    record Decided(String requestId, String actor, Instant at, String step, Verdict verdict, String comment)
            implements ApprovalEvent {
    }

    /** @param group the group that now holds the step (reassign) or is reminded (remind) */
    record Escalated(String requestId, String actor, Instant at, String step, EscalationAction action, String group)
            implements ApprovalEvent {
    }

    record GrantIssued(String requestId, String actor, Instant at, RequestKind kind, String requester, String connection,
            Instant validFrom, Instant validUntil) implements ApprovalEvent {
    }

    record RequestClosed(String requestId, String actor, Instant at, Outcome outcome) implements ApprovalEvent {
    }

    /** A claim or decision that was refused; nothing changed. */
    record AttemptRefused(String requestId, String actor, Instant at, ApprovalException.Reason reason, String message)
            implements ApprovalEvent {
    }
}
