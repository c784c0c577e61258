package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Guardrails for one session, independent of the wire protocol: it gets statement text and
 * answers with a decision. Cached rules and cached parses give an already-completed future, so
 * the common case costs a map lookup; otherwise the future completes on a parser thread.
 *
 * <p>It keeps the session's SQL-level prepared statements ({@code PREPARE name AS ...}) so that
 * {@code EXECUTE name} is judged by the statement it runs. The protocol side calls it from its
 * event loop only, in the order the client sent statements.
 */
public final class SessionGuard {

    private static final Logger LOG = Logger.getLogger(SessionGuard.class.getName());

    /** The pseudo-rule of a decision that could not be made: the statement does not run. */
    public static final String GUARDRAILS_UNAVAILABLE = "guardrails-unavailable";

    /** The pseudo-rule that refuses everything once the session's settings make its text unreadable. */
    public static final String UNSAFE_SESSION_SETTINGS = "unsafe-session-settings";

    /** The pseudo-rule that refuses fast-path function calls on guarded connections. */
    public static final String FAST_PATH_CALL = "fast-path-function-call";
    /** The pseudo-rule of statements refused because the audit trail cannot record them (fail-closed). */
    public static final String AUDIT_UNAVAILABLE = "audit-unavailable";

    /**
     * A decision, and the analysis it was based on (null when guardrails are off).
     *
     * @param reusable whether the same statement may get the same decision without asking again;
     *                 false for an approval gate's answer, since an approval is used up by one run
     */
    public record Verdict(Decision decision, SqlAnalysis analysis, boolean reusable) {
        public Verdict(Decision decision, SqlAnalysis analysis) {
            this(decision, analysis, true);
        }
    }

    private static final CompletableFuture<Verdict> AUDIT_REFUSAL = CompletableFuture.completedFuture(new Verdict(
            new Decision.Deny(AUDIT_UNAVAILABLE, "the audit trail cannot record statements right now, so Gatehouse refuses them"
                    + " until it recovers (fail-closed)"), null));

    private final Identity identity;
    private final Connection connection;
    private final GuardrailRules rules;
    private final PostgresSqlAnalyzer analyzer;
    private final ApprovalGate approvals;
    private final Clock clock;
    private final BooleanSupplier auditAvailable;
    private final Map<String, AnalyzedStatement> prepared = new HashMap<>();
    /**
     * The last decision, for the statement that comes again: the same cached analysis (by identity:
     * the exact text, or the same shape with other literals) under the same rule set, with no time
     * window and no change to the session's prepared statements since, gets the same decision.
     */
    private SqlAnalysis lastAnalysis;
    private RuleSet lastRules;
    private long lastPreparedVersion;
    private CompletableFuture<Verdict> lastVerdict;
    private long preparedVersion;

    /** The approval gate's answer being waited for, to cancel when the client gives up. */
    private volatile CompletableFuture<Decision> pendingReview;

    /** How long the client asked to wait for approvals (startup option gatehouse.wait); zero: answer at once. */
    private Duration approvalWait = Duration.ZERO;

    /** Why the session's text can no longer be read as the target reads it, or null. */
    private volatile String unreadable;

    public SessionGuard(Identity identity, Connection connection, GuardrailRules rules, PostgresSqlAnalyzer analyzer,
            ApprovalGate approvals, Clock clock) {
        this(identity, connection, rules, analyzer, approvals, clock, () -> true);
    }

    /**
     * @param auditAvailable whether the audit trail can record statements now; when it answers false
     *                       every statement is refused, guarded or not (the connection is fail-closed)
     */
    public SessionGuard(Identity identity, Connection connection, GuardrailRules rules, PostgresSqlAnalyzer analyzer,
            ApprovalGate approvals, Clock clock, BooleanSupplier auditAvailable) {
        this.auditAvailable = auditAvailable;
        this.identity = identity;
        this.connection = connection;
        this.rules = rules;
        this.analyzer = analyzer;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Called once, before the first statement, with the wait the client asked for at startup. */
    public void waitForApprovals(Duration wait) {
        this.approvalWait = wait == null || wait.isNegative() ? Duration.ZERO : wait;
    }

    /** The decision for a query string (simple protocol) or one statement (Parse, Execute). */
    public CompletableFuture<Verdict> check(String sql) {
        if (!auditAvailable.getAsBoolean()) {
            return AUDIT_REFUSAL;
        }
        return underRules(set -> checkUnder(set, sql));
    }

    /**
     * The decision for a fast-path function call: it names a function by OID with no SQL around it
     * (libpq's large-object API uses it), so on a guarded connection it cannot be checked.
     */
    public CompletableFuture<Verdict> checkFunctionCall() {
        if (!auditAvailable.getAsBoolean()) {
            return AUDIT_REFUSAL;
        }
        return underRules(set -> CompletableFuture.completedFuture(new Verdict(set.guarded()
                ? new Decision.Deny(FAST_PATH_CALL, "fast-path function calls cannot be checked; call the function in a SQL statement")
                : new Decision.Allow(null), null)));
    }

    private CompletableFuture<Verdict> underRules(java.util.function.Function<RuleSet, CompletableFuture<Verdict>> next) {
        CompletableFuture<RuleSet> ruleSet;
        try {
            ruleSet = rules.rulesFor(connection).toCompletableFuture();
        } catch (RuntimeException e) {
            ruleSet = CompletableFuture.failedFuture(e);
        }
        if (ruleSet.isDone() && !ruleSet.isCompletedExceptionally()) {
            try {
                return next.apply(ruleSet.join());
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(unavailable(e));
            }
        }
        return ruleSet.thenCompose(next).exceptionally(this::unavailable);
    }

    /**
     * What the target reports about the session's settings (ParameterStatus). The gateway reads
     * statement text as UTF-8 with standard-conforming strings, as PostgreSQL's parser does by
     * default. A client encoding such as SJIS (whose multi-byte characters can end in a quote or
     * backslash byte) or backslash escapes in plain strings would let the target read a statement
     * the gateway did not see: from then on a guarded session runs nothing (fail closed).
     */
    public void settingReported(String name, String value) {
        String setting = name.toLowerCase(java.util.Locale.ROOT);
        String normalized = value == null ? "" : value.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "");
        if (setting.equals("client_encoding") && !normalized.equals("UTF8") && !normalized.equals("SQL_ASCII")) {
            unreadable = "the session's client_encoding is " + value + "; guarded connections need UTF8";
        } else if (setting.equals("standard_conforming_strings") && !normalized.equals("ON")) {
            unreadable = "standard_conforming_strings is off in this session; guarded connections need it on";
        }
    }

    private CompletableFuture<Verdict> checkUnder(RuleSet ruleSet, String sql) {
        if (!ruleSet.guarded()) {
            return CompletableFuture.completedFuture(new Verdict(new Decision.Allow(null), null));
        }
        if (unreadable != null) {
            return CompletableFuture.completedFuture(new Verdict(new Decision.Deny(UNSAFE_SESSION_SETTINGS, unreadable), null));
        }
        if (analyzer == null) {
            return CompletableFuture.completedFuture(unavailable(new IllegalStateException("no SQL parser is configured")));
        }
        SqlAnalysis cached = analyzer.cached(sql);
        if (cached != null) {
            // The common case: no parse, no hop; and for a statement that repeats, no evaluation either.
            if (cached == lastAnalysis && ruleSet == lastRules && preparedVersion == lastPreparedVersion) {
                return lastVerdict;
            }
            CompletableFuture<Verdict> verdict = decide(ruleSet, sql, cached);
            if (verdict.isDone() && !ruleSet.timeDependent() && verdict.join().decision().permitsExecution()
                    && verdict.join().reusable()) {
                lastAnalysis = cached;
                lastRules = ruleSet;
                lastPreparedVersion = preparedVersion;
                lastVerdict = verdict;
            }
            return verdict;
        }
        // The prepared statements are read here on whichever thread completes the parse, but they
        // only change in executed(), on the event loop, while no check of this session is pending.
        return analyzer.analyze(sql).thenCompose(parsed -> decide(ruleSet, sql, parsed)).exceptionally(this::unavailable);
    }

    private CompletableFuture<Verdict> decide(RuleSet ruleSet, String sql, SqlAnalysis analysis) {
        Decision decision;
        try {
            decision = GuardrailEngine.decide(ruleSet, identity, analysis, prepared, clock.instant());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable(e));
        }
        if (decision instanceof Decision.RequireApproval required) {
            CompletableFuture<Decision> review = approvals.review(identity, connection, sql, required, approvalWait).toCompletableFuture();
            pendingReview = review;
            return review.thenApply(reviewed -> new Verdict(reviewed, analysis, false)).exceptionally(this::unavailable);
        }
        return CompletableFuture.completedFuture(new Verdict(decision, analysis));
    }

    /** The client cancelled while waiting: the gate may stop waiting (and must not use up an approval for it). */
    public void abandonPendingReview() {
        CompletableFuture<Decision> review = pendingReview;
        if (review != null) {
            review.cancel(false);
        }
    }

    /** Called once an allowed query string is sent to the target: tracks PREPARE and DEALLOCATE. */
    public void executed(Verdict verdict) {
        if (verdict.analysis() == null || !verdict.decision().permitsExecution()) {
            return;
        }
        for (AnalyzedStatement statement : verdict.analysis().statements()) {
            StatementClass statementClass = statement.statementClass();
            if (statementClass == StatementClass.PREPARE && statement.preparedName() != null) {
                prepared.put(statement.preparedName(), PreparedStatements.body(statement));
                preparedVersion++;
            } else if (statementClass == StatementClass.DEALLOCATE) {
                preparedVersion++;
                if (statement.preparedName() == null) {
                    prepared.clear();
                } else {
                    prepared.remove(statement.preparedName());
                }
            }
        }
    }

    private Verdict unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            // Abandoned by the client; nobody reads this verdict.
            return new Verdict(new Decision.Deny(GUARDRAILS_UNAVAILABLE, "cancelled"), null);
        }
        LOG.log(Level.WARNING, "guardrails could not decide on a statement of connection " + connection.name(), cause);
        return new Verdict(new Decision.Deny(GUARDRAILS_UNAVAILABLE,
                "the gateway could not evaluate its guardrails, so the statement was not run"), null);
    }
}
