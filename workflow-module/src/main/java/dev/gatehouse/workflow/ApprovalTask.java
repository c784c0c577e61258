package dev.gatehouse.workflow;

import java.time.Instant;

/**
 * One decision an approver may take, as the inbox shows it.
 *
 * @param statement the statement under review, or null for access and unmask requests
 * @param assignee  who claimed it, or null while it is open to the step's groups
 */
public record ApprovalTask(String taskId, String requestId, RequestKind kind, String stepName, String requester,
        String connection, String statement, String assignee, Instant created) {
}
