package dev.gatehouse.proxy.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a statement that a rule sends to approval goes. The answer is the decision to apply now:
 * allow (a matching single-use approval exists and is consumed) or deny (with the approval
 * request to follow). Implemented by the approvals workflow; until that is installed,
 * {@link #UNAVAILABLE} denies with a message that says so.
 */
public interface ApprovalGate {

    ApprovalGate UNAVAILABLE = (identity, connection, sql, required) -> CompletableFuture.completedFuture(
            new Decision.Deny(required.rule(), "approval required by this rule, but approvals are not enabled on this gateway yet"));

    CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required);

    /**
     * As {@link #review(Identity, Connection, String, Decision.RequireApproval)}, but the client asked
     * to wait up to {@code wait} for the decision (the startup option {@code gatehouse.wait}): the
     * answer may complete that much later. Gates that cannot wait answer at once.
     */
    default CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required,
            Duration wait) {
        return review(identity, connection, sql, required);
    }
}
