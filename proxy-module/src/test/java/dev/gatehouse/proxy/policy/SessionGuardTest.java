package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One session's guardrails: rules from a lookup, a parse, the engine, and the session's prepared statements. */
class SessionGuardTest {

    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();

    private static final Identity ALICE = new Identity("s-alice", "alice", "gatehouse-cli", IdentityKind.HUMAN, Set.of("dba"),
            Set.of(), "jti-1", null, null, "oidc-access-token");
    private static final Connection ORDERS = new Connection("orders", ConnectionType.POSTGRES, "127.0.0.1", 5432, "orders",
            "app", TlsMode.DISABLE, Map.of(), Set.of(), false);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T12:00:00Z"), ZoneOffset.UTC);

    private static final RuleSet READ_ONLY_GUARD = ruleSet(RulePacks.READ_ONLY, RulePacks.NO_DESTRUCTIVE_DDL,
            RulePacks.NO_UNBOUNDED_WRITES, RulePacks.NO_SERVER_FILE_ACCESS);

    @AfterAll
    static void stop() {
        ANALYZER.close();
    }

    private static RuleSet ruleSet(String... packs) {
        List<GuardrailRule> rules = new ArrayList<>();
        for (String pack : packs) {
            rules.addAll(RulePacks.all().get(pack));
        }
        return new RuleSet(rules, false);
    }

    private static SessionGuard guard(GuardrailRules rules) {
        return new SessionGuard(ALICE, ORDERS, rules, ANALYZER, ApprovalGate.UNAVAILABLE, CLOCK);
    }

    private static SessionGuard guard(RuleSet rules) {
        return guard(connection -> CompletableFuture.completedFuture(rules));
    }

    private static SessionGuard.Verdict check(SessionGuard guard, String sql) throws Exception {
        return guard.check(sql).get(60, TimeUnit.SECONDS);
    }

    /** Checks, and when allowed, tells the guard the statement ran, as the data path does. */
    private static Decision run(SessionGuard guard, String sql) throws Exception {
        SessionGuard.Verdict verdict = check(guard, sql);
        guard.executed(verdict);
        return verdict.decision();
    }

    @Test
    void executeOfAPreparedDeleteIsJudgedAsTheDelete() throws Exception {
        SessionGuard guard = guard(ruleSet(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES));
        // The PREPARE is itself denied, so it never reaches the target nor the guard's memory.
        assertThat(run(guard, "PREPARE p AS DELETE FROM t").rule()).isEqualTo("no-unbounded-writes");
        assertThat(run(guard, "EXECUTE p").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
    }

    @Test
    void aRememberedStatementIsJudgedUnderTheRulesInForceWhenItRuns() throws Exception {
        AtomicReference<RuleSet> current = new AtomicReference<>(ruleSet(RulePacks.NO_UNBOUNDED_WRITES));
        SessionGuard guard = guard(connection -> CompletableFuture.completedFuture(current.get()));
        assertThat(run(guard, "PREPARE d(int) AS DELETE FROM t WHERE id = $1")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "EXECUTE d(1)")).isEqualTo(new Decision.Allow(null));
        // An administrator makes the connection read-only while the session is open.
        current.set(READ_ONLY_GUARD);
        assertThat(run(guard, "EXECUTE d(1)").rule()).isEqualTo("read-only");
        assertThat(run(guard, "EXPLAIN ANALYZE EXECUTE d(1)").rule()).isEqualTo("read-only"); // runs the DELETE too
        assertThat(run(guard, "EXPLAIN EXECUTE d(1)")).isEqualTo(new Decision.Allow(null)); // only plans it
    }

    @Test
    void aRepeatedStatementKeepsItsDecisionOnlyWhileNothingItDependsOnChanges() throws Exception {
        AtomicReference<RuleSet> current = new AtomicReference<>(ruleSet(RulePacks.NO_UNBOUNDED_WRITES));
        SessionGuard guard = guard(connection -> CompletableFuture.completedFuture(current.get()));
        String delete = "UPDATE accounts SET frozen = true WHERE id = 7";
        assertThat(check(guard, delete).decision()).isEqualTo(new Decision.Allow(null)); // parsed
        SessionGuard.Verdict fromCache = check(guard, delete);
        assertThat(fromCache.decision()).isEqualTo(new Decision.Allow(null));
        assertThat(check(guard, "UPDATE accounts SET frozen = true WHERE id = 8")).as("same shape, other literal").isSameAs(fromCache);
        // New rules: the remembered decision no longer applies.
        current.set(READ_ONLY_GUARD);
        assertThat(check(guard, delete).decision().rule()).isEqualTo("read-only");
    }

    @Test
    void sqlLevelPrepareAndExecuteUnderReadOnly() throws Exception {
        SessionGuard guard = guard(READ_ONLY_GUARD);
        assertThat(run(guard, "PREPARE p AS DELETE FROM t").rule()).isEqualTo("read-only");
        assertThat(run(guard, "EXECUTE p").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        assertThat(run(guard, "PREPARE ok AS SELECT 1")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "EXECUTE ok")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "EXPLAIN ANALYZE EXECUTE ok")).isEqualTo(new Decision.Allow(null));
    }

    @Test
    void deallocateForgets() throws Exception {
        SessionGuard guard = guard(READ_ONLY_GUARD);
        assertThat(run(guard, "PREPARE ok AS SELECT 1; PREPARE ok2 AS SELECT 2")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "DEALLOCATE ok")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "EXECUTE ok").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        assertThat(run(guard, "EXECUTE ok2")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "DEALLOCATE ALL")).isEqualTo(new Decision.Allow(null));
        assertThat(run(guard, "EXECUTE ok2").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
    }

    @Test
    void aDeniedStringIsNotRemembered() throws Exception {
        SessionGuard guard = guard(READ_ONLY_GUARD);
        // One bad statement denies the whole string, so its PREPARE never ran either.
        assertThat(run(guard, "PREPARE ok AS SELECT 1; DELETE FROM t WHERE id = 1").rule()).isEqualTo("read-only");
        assertThat(run(guard, "EXECUTE ok").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
    }

    @Test
    void aFailingRulesLookupDenies() throws Exception {
        SessionGuard failed = guard(connection -> CompletableFuture.failedFuture(new IllegalStateException("database down")));
        assertThat(check(failed, "SELECT 1").decision().rule()).isEqualTo(SessionGuard.GUARDRAILS_UNAVAILABLE);
        assertThat(check(failed, "SELECT 1").analysis()).isNull();

        SessionGuard throwing = guard(connection -> {
            throw new IllegalStateException("no rules service");
        });
        assertThat(check(throwing, "SELECT 1").decision().rule()).isEqualTo(SessionGuard.GUARDRAILS_UNAVAILABLE);

        CompletableFuture<RuleSet> later = new CompletableFuture<>();
        SessionGuard slow = guard(connection -> later);
        CompletableFuture<SessionGuard.Verdict> pending = slow.check("SELECT 1");
        assertThat(pending).isNotDone();
        later.completeExceptionally(new IllegalStateException("timed out"));
        assertThat(pending.get(60, TimeUnit.SECONDS).decision()).isInstanceOf(Decision.Deny.class)
                .extracting(Decision::rule).isEqualTo(SessionGuard.GUARDRAILS_UNAVAILABLE);
    }

    @Test
    void rulesThatArriveLaterAreApplied() throws Exception {
        CompletableFuture<RuleSet> later = new CompletableFuture<>();
        SessionGuard guard = guard(connection -> later);
        CompletableFuture<SessionGuard.Verdict> pending = guard.check("DROP TABLE t");
        later.complete(READ_ONLY_GUARD);
        assertThat(pending.get(60, TimeUnit.SECONDS).decision().rule()).isEqualTo("read-only");
    }

    @Test
    void requireApprovalGoesThroughTheGate() throws Exception {
        RuleSet approve = new RuleSet(List.of(new GuardrailRule("approve-updates", RuleAction.REQUIRE_APPROVAL,
                new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE)), false, List.of(), false, Set.of(), false, null, null),
                "updates need approval", "dba-chain")), false);
        SessionGuard.Verdict verdict = check(guard(approve), "UPDATE t SET a = 1 WHERE id = 1");
        // Approvals are not installed: the UNAVAILABLE gate denies under the rule's name.
        assertThat(verdict.decision()).isInstanceOf(Decision.Deny.class);
        assertThat(verdict.decision().rule()).isEqualTo("approve-updates");
        assertThat(((Decision.Deny) verdict.decision()).message()).contains("approvals are not enabled");
        assertThat(verdict.analysis()).isNotNull();
    }

    @Test
    void aGateThatApprovesLetsTheStatementRun() throws Exception {
        RuleSet approve = new RuleSet(List.of(new GuardrailRule("approve-updates", RuleAction.REQUIRE_APPROVAL,
                new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE)), false, List.of(), false, Set.of(), false, null, null),
                null, "dba-chain")), false);
        List<String> reviewed = new ArrayList<>();
        ApprovalGate approving = (identity, connection, sql, required) -> {
            reviewed.add(sql + " by " + required.chain());
            return CompletableFuture.completedFuture(new Decision.Allow(required.rule()));
        };
        SessionGuard guard = new SessionGuard(ALICE, ORDERS, connection -> CompletableFuture.completedFuture(approve), ANALYZER,
                approving, CLOCK);
        assertThat(check(guard, "UPDATE t SET a = 1 WHERE id = 1").decision()).isEqualTo(new Decision.Allow("approve-updates"));
        assertThat(reviewed).containsExactly("UPDATE t SET a = 1 WHERE id = 1 by dba-chain");
    }

    @Test
    void theGateIsAskedAgainForEveryRunOfTheSameStatement() throws Exception {
        RuleSet approve = new RuleSet(List.of(new GuardrailRule("approve-updates", RuleAction.REQUIRE_APPROVAL,
                new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE)), false, List.of(), false, Set.of(), false, null, null),
                null, "dba-chain")), false);
        List<String> reviewed = new ArrayList<>();
        // Each answer is for one run only (an approval is used up): a repeat must not inherit it from the session's cache.
        ApprovalGate once = (identity, connection, sql, required) -> {
            reviewed.add(sql);
            return CompletableFuture.completedFuture(new Decision.Allow(required.rule()));
        };
        SessionGuard guard = new SessionGuard(ALICE, ORDERS, connection -> CompletableFuture.completedFuture(approve), ANALYZER,
                once, CLOCK);
        String sql = "UPDATE t SET a = 2 WHERE id = 7";
        for (int run = 0; run < 3; run++) {
            assertThat(check(guard, sql).decision()).isInstanceOf(Decision.Allow.class);
        }
        assertThat(reviewed).hasSize(3);
    }

    @Test
    void guardrailsOffAllowWithoutParsing() throws Exception {
        SessionGuard guard = guard(GuardrailRules.NONE);
        String sql = "DROP TABLE never_parsed_" + System.nanoTime();
        long misses = ANALYZER.cacheMisses();
        SessionGuard.Verdict verdict = check(guard, sql);
        assertThat(verdict.decision()).isEqualTo(new Decision.Allow(null));
        assertThat(verdict.analysis()).isNull();
        assertThat(ANALYZER.cacheMisses()).isEqualTo(misses);
        assertThat(ANALYZER.cached(sql)).isNull();
        guard.executed(verdict); // nothing to remember, and no failure
    }

    @Test
    void noParserConfiguredDenies() throws Exception {
        SessionGuard guard = new SessionGuard(ALICE, ORDERS, connection -> CompletableFuture.completedFuture(READ_ONLY_GUARD), null,
                ApprovalGate.UNAVAILABLE, CLOCK);
        assertThat(check(guard, "SELECT 1").decision().rule()).isEqualTo(SessionGuard.GUARDRAILS_UNAVAILABLE);
    }

    @Test
    void unparseableStatementsAreDeniedAndCarryTheirAnalysis() throws Exception {
        SessionGuard.Verdict verdict = check(guard(READ_ONLY_GUARD), "SELECT FROM WHERE");
        assertThat(verdict.decision().rule()).isEqualTo(GuardrailEngine.UNPARSEABLE);
        assertThat(verdict.analysis().parsed()).isFalse();
    }
}
