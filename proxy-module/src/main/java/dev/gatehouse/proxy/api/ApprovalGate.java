package dev.gatehouse.proxy.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a statement that a rule sends to approval goes. The answer is the decision to apply now:
 * allow (a matching single-use approval exists and is consumed) or deny (with the approval
 * request to follow). Implemented by the approvals workflow; until that is installed,
 * {@link #UNAVAILABLE} denies with a message that says so.
 *
 * <p>The data path asks once per execution on the target, never more and never less: a query
 * string, or the first Execute of a bound portal (docs/adr/0017). An allow is therefore one run;
 * the {@code sql} is the exact text the client sent, which is what an approval is bound to.
 */
public interface ApprovalGate {

    ApprovalGate UNAVAILABLE = new ApprovalGate() {
        @Override
        public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required) {
            return CompletableFuture.completedFuture(
                    new Decision.Deny(required.rule(), "approval required by this rule, but approvals are not enabled on this gateway yet"));
        }

        @Override
        public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, List<BoundValue> parameters,
                Decision.RequireApproval required, Duration wait) {
            return review(identity, connection, sql, required);
        }
    };

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

    /**
     * An extended-protocol execution: the statement's exact text and the values bound to its
     * placeholders, which an approval must be bound to as well (an approval of {@code ... id = $1}
     * alone would let any value run). Gates that cannot bind values refuse statements that have some.
     */
    default CompletionStage<Decision> review(Identity identity, Connection connection, String sql, List<BoundValue> parameters,
            Decision.RequireApproval required, Duration wait) {
        if (parameters.isEmpty()) {
            return review(identity, connection, sql, required, wait);
        }
        return CompletableFuture.completedFuture(new Decision.Deny(required.rule(),
                "approval required, but this gateway's approvals cannot be bound to parameter values"));
    }
}
