package dev.gatehouse.approvals;

import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The data path's approval gate: a statement a guardrail sends to approval runs if an approval
 * for exactly it (identity, connection, statement) is waiting to be used, and is consumed by this
 * run; otherwise it is refused with the id and URL of its review, started if there was none. The
 * store and the engine are reached on the application's executor, never on the event loop.
 */
@ApplicationScoped
public class WorkflowApprovalGate implements ApprovalGate {

    private static final Logger LOG = Logger.getLogger(WorkflowApprovalGate.class.getName());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$[0-9]");

    @Inject
    CommandReviews reviews;

    @Inject
    GatehouseSettings settings;

    private volatile Executor blockingWork;

    /** The executor (with the application's context) that runs store and engine work. */
    public void runOn(Executor executor) {
        this.blockingWork = executor;
    }

    @Override
    public CompletionStage<Decision> review(Identity identity, Connection connection, String sql, Decision.RequireApproval required) {
        if (PLACEHOLDER.matcher(sql).find()) {
            // The port sees the statement text only: an approval of "... where id = $1" would let any value run.
            return CompletableFuture.completedFuture(new Decision.Deny(required.rule(), "approval required, but this statement has "
                    + "parameters ($1, ...) that an approval cannot be bound to; send it with literal values (simple query protocol)"));
        }
        CommandReviews.Statement statement = new CommandReviews.Statement(identity.displayName(), identity.kind() == IdentityKind.AGENT,
                connection.name(), required.rule(), required.chain(), sql);
        return CompletableFuture.supplyAsync(() -> decide(statement, required), blockingWork);
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
        return "approval required: " + requestId + " (follow it at " + requestUrl(requestId) + ")";
    }

    public String requestUrl(String requestId) {
        String base = settings.publicUrl().orElseGet(() -> "http://localhost:"
                + Optional.ofNullable(System.getenv("GATEHOUSE_HTTP_PORT")).orElse("8080"));
        return base + "/approvals.xhtml?id=" + requestId;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
