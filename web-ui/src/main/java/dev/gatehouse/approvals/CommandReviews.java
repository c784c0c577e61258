package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.StatementFingerprint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens to a statement a guardrail sends to approval, in one transaction: an approval for
 * exactly this statement (its bytes and bound values), identity and connection is consumed (once), or the open review of it is
 * named, or a new review starts. Runs off the event loop ({@link WorkflowApprovalGate}).
 */
@ApplicationScoped
public class CommandReviews {

    /** What the gate tells the client. */
    public sealed interface Answer {
        String requestId();
    }

    public record Consumed(String requestId) implements Answer {
    }

    public record Waiting(String requestId, boolean created) implements Answer {
    }

    /**
     * @param agent      whether the requester is an agent, for the audit trail's actor kind
     * @param sql        exactly as the client sent it
     * @param parameters the values bound to its placeholders, as approvers see them ({@code BoundValue.display()})
     */
    public record Statement(String requester, boolean agent, String connection, String rule, String chainName, String sql,
            List<String> parameters) {
        public Statement {
            parameters = List.copyOf(parameters);
        }
    }

    @Inject
    StatementApprovals approvals;

    @Inject
    ApprovalChains chains;

    @Inject
    ApprovalWorkflow workflow;

    @Inject
    ApprovalAuditTrail trail;

    /** How long after approval the statement may be run (GATEHOUSE_APPROVAL_WINDOW, ISO-8601, default 15 minutes). */
    private final Duration window = Optional.ofNullable(System.getenv("GATEHOUSE_APPROVAL_WINDOW")).filter(s -> !s.isBlank())
            .map(Duration::parse).orElse(Duration.ofMinutes(15));

    @Transactional
    public Answer review(Statement statement) {
        StatementApprovals.Binding binding = binding(statement);
        Optional<String> consumed = approvals.consume(binding, Instant.now());
        if (consumed.isPresent()) {
            trail.record(new Actor(statement.requester(), statement.agent() ? "agent" : "human", null), "approval.grant-used",
                    consumed.get(), "success", Map.of("connection", statement.connection(), "statementHash", binding.statementHash()));
            return new Consumed(consumed.get());
        }
        Optional<String> pending = approvals.pending(binding);
        if (pending.isPresent()) {
            return new Waiting(pending.get(), false);
        }
        String requestId = workflow.service().requestCommandReview(new ApprovalRequests.CommandReview(statement.requester(),
                statement.connection(), statement.rule(), statement.sql(), statement.parameters(), window,
                chains.chainFor(statement.chainName(), statement.connection())));
        approvals.opened(requestId, binding, statement.sql(), statement.rule(), Instant.now());
        return new Waiting(requestId, true);
    }

    /** Where a review stands (PENDING, APPROVED, REJECTED, EXPIRED), for a client that waits. */
    public Optional<String> status(String requestId) {
        return approvals.status(requestId);
    }

    /** Read-only: the open review, after a concurrent start of the same one lost the race. */
    public Optional<String> pending(Statement statement) {
        return approvals.pending(binding(statement));
    }

    /**
     * Requester, connection, and the SHA-256 of the exact statement and bound values (docs/adr/0017):
     * nothing is normalized, so a statement that differs from the approved one in a single byte (a
     * newline that ends a comment, say) needs its own approval.
     */
    static StatementApprovals.Binding binding(Statement statement) {
        return new StatementApprovals.Binding(statement.requester(), statement.connection(),
                StatementFingerprint.of(statement.sql(), statement.parameters()));
    }
}
