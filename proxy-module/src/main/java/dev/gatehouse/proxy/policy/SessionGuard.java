package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.BoundValue;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.RoutineSource;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SearchPathChange;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /** The schemas the session's unqualified names may resolve in (docs/adr/0016); changed on the event loop only. */
    private SchemaScope scope = SchemaScope.UNKNOWN;
    /** Changes of search_path sent to the target whose outcome is not known yet, in order, by the batch they went in. */
    private final ArrayDeque<PendingPath> pendingPaths = new ArrayDeque<>();
    private long scopeVersion;
    private long lastScopeVersion;

    private record PendingPath(long batch, SearchPathChange change) {
    }

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

    /** Reads the bodies of routines that statements call; null: calls are judged by name only. */
    private RoutineCalls.Reader routines;

    /**
     * From now on, a statement that calls functions is judged with the bodies of the routines it
     * may run, read from the target's catalog (docs/adr/0016). The reader completes off the event
     * loop; if it fails, the statement is refused (fail closed).
     */
    public void judgeCallsWith(Function<Set<String>, CompletionStage<List<RoutineSource>>> reader) {
        this.routines = reader::apply;
    }

    /** Called once, before the first statement, with the wait the client asked for at startup. */
    public void waitForApprovals(Duration wait) {
        this.approvalWait = wait == null || wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * What a statement that needs approval is asked for: nothing while it is only parsed (the
     * approval is for running it), or the execution's bound values.
     */
    private record Asking(boolean executes, Supplier<List<BoundValue>> parameters) {
        static final Asking PARSE_ONLY = new Asking(false, List::of);
        static final Asking QUERY = new Asking(true, List::of);
    }

    /** The decision for a query string (simple protocol), which runs as it is decided. */
    public CompletableFuture<Verdict> check(String sql) {
        return check(sql, Asking.QUERY);
    }

    /**
     * The decision for an extended-protocol execution (the first Execute of a portal): a statement
     * that needs approval is reviewed as this text with these bound values, and an approval is used
     * up by this one run (docs/adr/0017).
     *
     * @param parameters the bound values, built only when a gate needs them (most executions need none)
     */
    public CompletableFuture<Verdict> checkExecution(String sql, Supplier<List<BoundValue>> parameters) {
        return check(sql, new Asking(true, parameters));
    }

    /**
     * The decision for a Parse, which runs nothing: a statement that needs approval is answered with
     * {@link Decision.RequireApproval} itself and the gate is not asked; each execution of it is.
     */
    public CompletableFuture<Verdict> checkParse(String sql) {
        return check(sql, Asking.PARSE_ONLY);
    }

    private CompletableFuture<Verdict> check(String sql, Asking asking) {
        if (!auditAvailable.getAsBoolean()) {
            return AUDIT_REFUSAL;
        }
        return underRules(set -> checkUnder(set, sql, asking));
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

    private CompletableFuture<Verdict> underRules(Function<RuleSet, CompletableFuture<Verdict>> next) {
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

    private CompletableFuture<Verdict> checkUnder(RuleSet ruleSet, String sql, Asking asking) {
        if (!ruleSet.guarded()) {
            return readingOnly(sql);
        }
        if (analyzer == null) {
            return CompletableFuture.completedFuture(unavailable(new IllegalStateException("no SQL parser is configured")));
        }
        SqlAnalysis cached = analyzer.cached(sql);
        if (cached != null) {
            // The common case: no parse, no hop; and for a statement that repeats, no evaluation either.
            if (cached == lastAnalysis && ruleSet == lastRules && preparedVersion == lastPreparedVersion
                    && scopeVersion == lastScopeVersion) {
                return lastVerdict;
            }
            CompletableFuture<Verdict> verdict = routines != null && RoutineCalls.callsFunctions(cached)
                    ? withBodies(cached).thenCompose(expanded -> decide(ruleSet, sql, expanded, asking)).exceptionally(this::unavailable)
                    : decide(ruleSet, sql, cached, asking);
            // A call's verdict depends on routine bodies that DDL anywhere may change: never reused.
            if (verdict.isDone() && !ruleSet.timeDependent() && verdict.join().decision().permitsExecution()
                    && verdict.join().reusable() && (routines == null || !RoutineCalls.callsFunctions(cached))) {
                lastAnalysis = cached;
                lastRules = ruleSet;
                lastPreparedVersion = preparedVersion;
                lastScopeVersion = scopeVersion;
                lastVerdict = verdict;
            }
            return verdict;
        }
        // The prepared statements are read here on whichever thread completes the parse, but they
        // only change in executed(), on the event loop, while no check of this session is pending.
        return analyzer.analyze(sql).thenCompose(this::withBodies).thenCompose(parsed -> decide(ruleSet, sql, parsed, asking))
                .exceptionally(this::unavailable);
    }

    /** The analysis with the bodies of the routines it calls, when the session reads them. */
    private CompletableFuture<SqlAnalysis> withBodies(SqlAnalysis analysis) {
        return routines == null ? CompletableFuture.completedFuture(analysis) : RoutineCalls.expand(analysis, routines, analyzer);
    }

    private static final CompletableFuture<Verdict> UNGUARDED = CompletableFuture.completedFuture(new Verdict(new Decision.Allow(null), null));

    /**
     * On a connection without guardrails only the settings that change how the target reads bytes
     * are refused (masking and the record read them as UTF-8 too). A cheap look at the text comes
     * first, so ordinary statements are never parsed there; it errs towards parsing.
     */
    private CompletableFuture<Verdict> readingOnly(String sql) {
        if (analyzer == null || !mayChangeReading(sql)) {
            return UNGUARDED;
        }
        SqlAnalysis cached = analyzer.cached(sql);
        CompletableFuture<SqlAnalysis> analysis = cached != null ? CompletableFuture.completedFuture(cached) : analyzer.analyze(sql);
        return analysis.thenApply(parsed -> {
            for (AnalyzedStatement statement : parsed.statements()) {
                if (statement.effects().changesReading()) {
                    return new Verdict(new Decision.Deny(GuardrailEngine.PINNED_SETTING, statement.effects().refusal()), parsed);
                }
            }
            return UNGUARDED.join();
        }).exceptionally(this::unavailable);
    }

    /** Whether the text may name a setting that changes the reading of bytes, in any spelling (U&"..." escapes too). */
    static boolean mayChangeReading(String sql) {
        String text = sql.toLowerCase(Locale.ROOT);
        return text.contains("encoding") || text.contains("names") || text.contains("standard_conforming")
                || text.contains("backslash_quote") || text.contains("set_config") || text.contains("pg_settings")
                || text.contains("u&");
    }

    private CompletableFuture<Verdict> decide(RuleSet ruleSet, String sql, SqlAnalysis analysis, Asking asking) {
        Decision decision;
        try {
            decision = GuardrailEngine.decide(ruleSet, identity, analysis, prepared, clock.instant(), scope, connection.username());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable(e));
        }
        if (decision instanceof Decision.RequireApproval required) {
            if (!asking.executes()) {
                return CompletableFuture.completedFuture(new Verdict(required, analysis, false));
            }
            if (runsPreparedByName(analysis)) {
                // "EXECUTE p" names a statement the text does not show, and p may be prepared again
                // between approval and run: an approval of it would not be of what runs (docs/adr/0017).
                return CompletableFuture.completedFuture(new Verdict(new Decision.Deny(required.rule(),
                        "approval required, but a statement that runs a prepared statement by name (EXECUTE) cannot be approved:"
                                + " approvers would not see what it runs; send the statement itself"), analysis, false));
            }
            CompletableFuture<Decision> review;
            try {
                review = approvals.review(identity, connection, sql, asking.parameters().get(), required, approvalWait).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(unavailable(e));
            }
            pendingReview = review;
            return review.thenApply(reviewed -> new Verdict(reviewed, analysis, false)).exceptionally(this::unavailable);
        }
        return CompletableFuture.completedFuture(new Verdict(decision, analysis));
    }

    private static boolean runsPreparedByName(SqlAnalysis analysis) {
        for (AnalyzedStatement statement : analysis.statements()) {
            StatementClass statementClass = statement.statementClass();
            if (statement.preparedName() != null && statementClass != StatementClass.PREPARE
                    && statementClass != StatementClass.DEALLOCATE) {
                return true;
            }
        }
        return false;
    }

    /** The client cancelled while waiting: the gate may stop waiting (and must not use up an approval for it). */
    public void abandonPendingReview() {
        CompletableFuture<Decision> review = pendingReview;
        if (review != null) {
            review.cancel(false);
        }
    }

    /** {@link #executed(Verdict, long)} outside any batch numbering. */
    public void executed(Verdict verdict) {
        executed(verdict, -1);
    }

    /**
     * Called once an allowed statement is sent to the target (a query string, or the Execute of a
     * portal): tracks PREPARE and DEALLOCATE, and widens the search_path scope by its changes.
     *
     * @param batch the protocol's number for the request it went in (for PostgreSQL, the Sync
     *              segment), so {@link #batchAnswered} can settle the scope
     */
    public void executed(Verdict verdict, long batch) {
        if (verdict.analysis() == null || !verdict.decision().permitsExecution()) {
            return;
        }
        for (AnalyzedStatement statement : verdict.analysis().statements()) {
            if (statement.effects().searchPath() != null) {
                scope = scope.widenedBy(statement.effects().searchPath(), connection.username());
                pendingPaths.add(new PendingPath(batch, statement.effects().searchPath()));
                scopeVersion++;
            }
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

    /** A version that changes whenever the search_path scope does: a decision made under another version is stale. */
    public long stateVersion() {
        return scopeVersion;
    }

    /**
     * The target answered request {@code batch}. If it went through without an error and left the
     * session outside a transaction, its last search_path change is the session's path now (a SET
     * in a transaction may still be rolled back, and SET LOCAL ends with it: they only widen).
     */
    public void batchAnswered(long batch, boolean failed, boolean idle) {
        SearchPathChange last = null;
        while (!pendingPaths.isEmpty() && pendingPaths.peekFirst().batch() <= batch) {
            last = pendingPaths.pollFirst().change();
        }
        if (last == null || failed || !idle || !last.known() || last.local()) {
            return;
        }
        SchemaScope settled = SchemaScope.exactly(last.schemas(), connection.username());
        for (PendingPath later : pendingPaths) {
            settled = settled.widenedBy(later.change(), connection.username());
        }
        scope = settled;
        scopeVersion++;
    }

    /** The schemas unqualified names may resolve in now (for tests and the record). */
    public SchemaScope scope() {
        return scope;
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
