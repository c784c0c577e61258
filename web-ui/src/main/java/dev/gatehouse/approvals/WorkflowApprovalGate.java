package dev.gatehouse.approvals;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.BoundValue;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data path's approval gate: a statement a guardrail sends to approval runs if an approval
 * for exactly it (identity, connection, statement) is waiting to be used, and is consumed by this
 * run; otherwise it is refused with the id and URL of its review, started if there was none. The
 * store and the engine are reached on the application's executor, never on the event loop.
 */
@ApplicationScoped
public class WorkflowApprovalGate implements ApprovalGate {

    private static final Logger LOG = Logger.getLogger(WorkflowApprovalGate.class.getName());
    private static final String APPROVAL_REQUIRED = "approval required: ";
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    CommandReviews reviews;

    @Inject
    ApprovalLinks links;

    private volatile Executor blockingWork;

    /** The executor (with the application's context) that runs store and engine work. */
    public void runOn(Executor executor) {
        this.blockingWork = executor;
    }

    @Override
    public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required) {
        return review(identity, connection, sql, required, Duration.ZERO);
    }

    /**
     * With a wait, a statement whose review is open is held: the store is asked every second, off
     * the event loop, and the statement runs as soon as its approval is there (consumed as usual),
     * or is refused when the review is rejected or expires, or when the wait is over.
     */
    @Override
    public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required,
            Duration wait) {
        return review(identity, connection, sql, List.of(), required, wait);
    }

    /**
     * One execution on the target (the data path asks once per run, docs/adr/0017): bound to the
     * exact text and the values bound to its placeholders, so an approval of {@code ... id = $1}
     * with 1 does not run it with 2.
     */
    @Override
    public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, List<BoundValue> parameters,
            Decision.RequireApproval required, Duration wait) {
        CommandReviews.Statement statement = new CommandReviews.Statement(identity.displayName(), identity.kind() == IdentityKind.AGENT,
                connection.name(), required.rule(), required.chain(), sql, parameters.stream().map(BoundValue::display).toList());
        CompletableFuture<Decision> now = CompletableFuture.supplyAsync(() -> decide(statement, required), blockingWork);
        if (wait.isZero()) {
            return now;
        }
        Instant deadline = Instant.now().plus(wait);
        // Returned as is: the session cancels it when the client gives up, and the polling stops.
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        now.whenComplete((decision, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else if (decision instanceof Decision.Deny deny && deny.message().startsWith(APPROVAL_REQUIRED)) {
                awaitDecision(statement, required, requestIdOf(deny), deadline, answer);
            } else {
                answer.complete(decision);
            }
        });
        return answer;
    }

    private void awaitDecision(CommandReviews.Statement statement, Decision.RequireApproval required, String requestId,
            Instant deadline, CompletableFuture<Decision> answer) {
        Executor inASecond = CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS, blockingWork);
        inASecond.execute(() -> {
            if (answer.isDone()) {
                return; // the client cancelled or left: no approval is used up for a statement that will not run
            }
            try {
                String status = reviews.status(requestId).orElse("PENDING");
                if (status.equals("APPROVED")) {
                    answer.complete(decide(statement, required));
                } else if (!status.equals("PENDING")) {
                    answer.complete(new Decision.Deny(required.rule(), "approval request " + requestId + " was "
                            + status.toLowerCase(Locale.ROOT) + "; the statement did not run"));
                } else if (Instant.now().isAfter(deadline)) {
                    answer.complete(new Decision.Deny(required.rule(), requiredMessage(requestId)
                            + "; not decided within the wait the client asked for"));
                } else {
                    awaitDecision(statement, required, requestId, deadline, answer);
                }
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
    }

    private static String requestIdOf(Decision.Deny deny) {
        String rest = deny.message().substring(APPROVAL_REQUIRED.length());
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private Decision decide(CommandReviews.Statement statement, Decision.RequireApproval required) {
        CommandReviews.Answer answer;
        try {
            answer = reviews.review(statement);
        } catch (RuntimeException e) {
            // Most likely another node opened the same review at the same moment: name that one.
            Optional<String> opened = reviews.pending(statement);
            if (opened.isEmpty()) {
                LOG.log(Level.WARNING, "gatehouse: an approval request could not be started", e);
                return new Decision.Deny(required.rule(), "approval required, but the approval request could not be started: "
                        + rootMessage(e));
            }
            answer = new CommandReviews.Waiting(opened.get(), false);
        }
        return switch (answer) {
            case CommandReviews.Consumed consumed -> new Decision.Allow(required.rule());
            case CommandReviews.Waiting waiting -> new Decision.Deny(required.rule(), requiredMessage(waiting.requestId()));
        };
    }

    /** The message native clients see: the contract's "approval required: <id>" and where to follow it. */
    String requiredMessage(String requestId) {
        return APPROVAL_REQUIRED + requestId + " (follow it at " + links.request(requestId) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
