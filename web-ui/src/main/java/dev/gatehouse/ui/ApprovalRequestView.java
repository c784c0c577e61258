package dev.gatehouse.ui;

import dev.gatehouse.workflow.RequestKind;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One approval request as the pages show it (Jakarta EL reads a record's components only, so
 * pages call the derived values as methods, e.g. {@code r.statusSeverity()}).
 *
 * @param parameters for a statement with placeholders, the values bound to them as sent (ProcessVariables.packParameters)
 * @param status    RUNNING, or how it ended: APPROVED, REJECTED, EXPIRED
 * @param validFor  how long the grant lasts once approved, as people read it
 * @param expiresAt when the whole chain auto-rejects
 * @param decisions the approvals and rejections so far, oldest first, from the audit trail
 * @param waiting   the decisions still open on the current step (empty once ended)
 */
public record ApprovalRequestView(String id, RequestKind kind, String requester, String connection, String rule,
        String statement, String parameters, String reason, String maskingRules, String validFor, int stepCount, Instant started,
        String status,
        Instant expiresAt, List<DecisionView> decisions, List<WaitingView> waiting) implements Serializable {

    public boolean running() {
        return "RUNNING".equals(status);
    }

    public String statusSeverity() {
        return switch (status) {
            case "APPROVED" -> "success";
            case "REJECTED" -> "danger";
            case "EXPIRED", "ENDED" -> "secondary";
            default -> "warning";
        };
    }

    public String kindLabel() {
        return kind == null ? "?" : switch (kind) {
            case COMMAND_REVIEW -> "Statement";
            case ACCESS_REQUEST -> "Access";
            case UNMASK_REQUEST -> "Unmask";
        };
    }

    /** "3h 12m left", or what happened instead. */
    public String timeLeft(Instant now) {
        if (!running()) {
            return "ended";
        }
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero()) {
            return "expiring now";
        }
        return Durations.human(left) + " left";
    }

    /** One decision taken. */
    public record DecisionView(String step, String decider, String verdict, String comment, Instant at) implements Serializable {
    }

    /** One decision still open: the step, who may take it, who holds it, since when. */
    public record WaitingView(String taskId, String step, String candidateGroups, String assignee, Instant since)
            implements Serializable {
    }
}
