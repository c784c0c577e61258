package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.sql.TableRef;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine's rule semantics, on statements parsed by PostgreSQL's own parser. */
class GuardrailEngineTest {

    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();

    static final Identity ALICE = new Identity("s-alice", "alice", "gatehouse-cli", IdentityKind.HUMAN, Set.of("dba"),
            Set.of("/payments/dba"), "jti-1", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), "oidc-access-token");
    static final Identity BOT = new Identity("s-bot", "service-account-reporter", "reporter", IdentityKind.AGENT,
            Set.of("reporting"), Set.of(), "jti-2", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), "oidc-access-token");

    /** Wednesday 2025-01-15, 12:00 UTC. */
    static final Instant NOON = Instant.parse("2025-01-15T12:00:00Z");

    @AfterAll
    static void stop() {
        ANALYZER.close();
    }

    static Decision decide(RuleSet rules, Identity who, String sql, Instant at) {
        return GuardrailEngine.decide(rules, who, ANALYZER.analyzeNow(sql), Map.of(), at);
    }

    static Decision decide(RuleSet rules, String sql) {
        return decide(rules, ALICE, sql, NOON);
    }

    static RuleSet rules(GuardrailRule... rules) {
        return new RuleSet(List.of(rules), false);
    }

    static GuardrailRule rule(String name, RuleAction action, RuleMatch match) {
        return new GuardrailRule(name, action, match, null, "dba-chain");
    }

    static RuleMatch on(StatementClass... classes) {
        return new RuleMatch(selectors(classes), false, List.of(), false, Set.of(), false, null, null);
    }

    static RuleMatch onTables(List<String> tables, StatementClass... classes) {
        return new RuleMatch(selectors(classes), false, tables.stream().map(TablePattern::parse).toList(), false, Set.of(), false,
                null, null);
    }

    static RuleMatch onFor(IdentityCondition who, StatementClass... classes) {
        return new RuleMatch(selectors(classes), false, List.of(), false, Set.of(), false, who, null);
    }

    static RuleMatch onDuring(TimeWindow window, StatementClass... classes) {
        return new RuleMatch(selectors(classes), false, List.of(), false, Set.of(), false, null, window);
    }

    private static Set<StatementSelector> selectors(StatementClass... classes) {
        return Set.of(classes).stream().map(StatementSelector::of).collect(java.util.stream.Collectors.toSet());
    }

    static RuleSet packs(String... names) {
        List<GuardrailRule> all = new ArrayList<>();
        for (String name : names) {
            all.addAll(RulePacks.all().get(name));
        }
        return new RuleSet(all, false);
    }

    @Nested
    class Ordering {

        @Test
        void theFirstMatchingRuleDecides() {
            RuleSet rules = rules(rule("alert-deletes", RuleAction.ALLOW_AND_ALERT, on(StatementClass.DELETE)),
                    rule("deny-writes", RuleAction.DENY, on(StatementClass.DELETE, StatementClass.UPDATE)));
            assertThat(decide(rules, "DELETE FROM t WHERE id = 1")).isEqualTo(new Decision.AllowAndAlert("alert-deletes"));
            assertThat(decide(rules, "UPDATE t SET a = 1 WHERE id = 1").rule()).isEqualTo("deny-writes");
        }

        @Test
        void anExplicitAllowBeforeADenyWins() {
            RuleSet rules = rules(rule("audit-may-delete", RuleAction.ALLOW, onTables(List.of("audit.*"), StatementClass.DELETE)),
                    rule("no-deletes", RuleAction.DENY, on(StatementClass.DELETE)));
            assertThat(decide(rules, "DELETE FROM audit.events WHERE id = 1")).isEqualTo(new Decision.Allow("audit-may-delete"));
            assertThat(decide(rules, "DELETE FROM public.events WHERE id = 1").rule()).isEqualTo("no-deletes");
        }

        @Test
        void noMatchingRuleAllowsWithoutARule() {
            assertThat(decide(rules(rule("no-drops", RuleAction.DENY, on(StatementClass.DROP))), "SELECT 1"))
                    .isEqualTo(new Decision.Allow(null));
        }

        @Test
        void requireApprovalCarriesTheChainAndTheMessage() {
            RuleSet rules = rules(new GuardrailRule("approve-ddl", RuleAction.REQUIRE_APPROVAL, on(StatementClass.ALTER),
                    "schema changes need a second pair of eyes", "dba-chain"));
            assertThat(decide(rules, "ALTER TABLE t ADD COLUMN c int")).isEqualTo(
                    new Decision.RequireApproval("approve-ddl", "dba-chain", "schema changes need a second pair of eyes"));
        }

        @Test
        void aDenyWithoutAMessageGetsAGenericOne() {
            Decision decision = decide(rules(rule("no-drops", RuleAction.DENY, on(StatementClass.DROP))), "DROP TABLE t");
            assertThat(decision).isInstanceOf(Decision.Deny.class);
            assertThat(((Decision.Deny) decision).message()).isNotBlank();
        }
    }

    @Nested
    class MultiStatementStrings {

        final RuleSet rules = rules(
                rule("alert-inserts", RuleAction.ALLOW_AND_ALERT, on(StatementClass.INSERT)),
                rule("approve-updates", RuleAction.REQUIRE_APPROVAL, on(StatementClass.UPDATE)),
                rule("no-drops", RuleAction.DENY, on(StatementClass.DROP)),
                rule("selects-ok", RuleAction.ALLOW, on(StatementClass.SELECT)));

        @Test
        void theStrictestDecisionOfAllStatementsApplies() {
            assertThat(decide(rules, "SELECT 1; INSERT INTO t VALUES (1)")).isEqualTo(new Decision.AllowAndAlert("alert-inserts"));
            assertThat(decide(rules, "INSERT INTO t VALUES (1); UPDATE t SET a = 1 WHERE id = 1; SELECT 1").rule())
                    .isEqualTo("approve-updates");
            assertThat(decide(rules, "UPDATE t SET a = 1 WHERE id = 1; DROP TABLE t; INSERT INTO t VALUES (1)").rule())
                    .isEqualTo("no-drops");
        }

        @Test
        void anAllowByARuleIsReportedOverAnAllowByNoRule() {
            assertThat(decide(rules, "SHOW search_path; SELECT 1")).isEqualTo(new Decision.Allow("selects-ok"));
        }

        @Test
        void anEmptyStringAndBareSemicolonsAreAllowed() {
            assertThat(decide(rules, "")).isEqualTo(new Decision.Allow(null));
            assertThat(decide(rules, ";;")).isEqualTo(new Decision.Allow(null));
        }
    }

    @Nested
    class Identities {

        final RuleSet rules = rules(
                rule("agents-no-writes", RuleAction.DENY, onFor(new IdentityCondition(Set.of(IdentityKind.AGENT), null, null),
                        StatementClass.INSERT, StatementClass.UPDATE, StatementClass.DELETE)),
                rule("non-dba-no-ddl", RuleAction.DENY, onFor(new IdentityCondition(null, Set.of("analyst"), null), StatementClass.CREATE)),
                rule("cli-alert", RuleAction.ALLOW_AND_ALERT, onFor(new IdentityCondition(null, null, Set.of("gatehouse-cli")),
                        StatementClass.DELETE)));

        @Test
        void kindSeparatesAgentsFromHumans() {
            assertThat(decide(rules, BOT, "INSERT INTO t VALUES (1)", NOON).rule()).isEqualTo("agents-no-writes");
            assertThat(decide(rules, ALICE, "INSERT INTO t VALUES (1)", NOON)).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void rolesMatchWhenTheIdentityHoldsOne() {
            Identity analyst = new Identity("s-bob", "bob", "web", IdentityKind.HUMAN, Set.of("viewer", "analyst"), Set.of(),
                    null, null, null, null);
            assertThat(decide(rules, analyst, "CREATE TABLE x (a int)", NOON).rule()).isEqualTo("non-dba-no-ddl");
            assertThat(decide(rules, ALICE, "CREATE TABLE x (a int)", NOON)).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void clientIdsMatchTheOAuthClient() {
            assertThat(decide(rules, ALICE, "DELETE FROM t WHERE id = 1", NOON)).isEqualTo(new Decision.AllowAndAlert("cli-alert"));
            Identity viaWeb = new Identity("s-alice", "alice", "web", IdentityKind.HUMAN, Set.of("dba"), Set.of(), null, null, null, null);
            assertThat(decide(rules, viaWeb, "DELETE FROM t WHERE id = 1", NOON)).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void allFilledSetsMustHold() {
            IdentityCondition agentReporter = new IdentityCondition(Set.of(IdentityKind.AGENT), Set.of("reporting"), Set.of("reporter"));
            assertThat(agentReporter.matches(BOT)).isTrue();
            assertThat(new IdentityCondition(Set.of(IdentityKind.AGENT), Set.of("dba"), null).matches(BOT)).isFalse();
            assertThat(IdentityCondition.ANYONE.matches(BOT)).isTrue();
            assertThat(IdentityCondition.ANYONE.isAnyone()).isTrue();
        }
    }

    @Nested
    class TimeWindows {

        static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
        static final Set<DayOfWeek> WORKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

        final TimeWindow businessHours = new TimeWindow(WORKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, false);

        @Test
        void outsideInvertsTheWindow() {
            TimeWindow afterHours = new TimeWindow(WORKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, true);
            RuleSet rules = rules(rule("no-writes-after-hours", RuleAction.DENY, onDuring(afterHours, StatementClass.UPDATE)));
            String update = "UPDATE t SET a = 1 WHERE id = 1";
            assertThat(decide(rules, ALICE, update, NOON)).isEqualTo(new Decision.Allow(null)); // Wed 13:00 Berlin
            assertThat(decide(rules, ALICE, update, Instant.parse("2025-01-15T20:00:00Z")).rule()).isEqualTo("no-writes-after-hours");
            assertThat(decide(rules, ALICE, update, Instant.parse("2025-01-19T10:00:00Z")).rule()).isEqualTo("no-writes-after-hours");
        }

        @Test
        void aRuleWithAWindowOnlyAppliesInIt() {
            RuleSet rules = rules(rule("freeze", RuleAction.DENY, onDuring(businessHours, StatementClass.ALTER)));
            assertThat(decide(rules, ALICE, "ALTER TABLE t ADD COLUMN c int", NOON).rule()).isEqualTo("freeze");
            assertThat(decide(rules, ALICE, "ALTER TABLE t ADD COLUMN c int", Instant.parse("2025-01-15T22:00:00Z")))
                    .isEqualTo(new Decision.Allow(null));
        }

    }

    @Nested
    class Tables {

        @Test
        void schemaGlobs() {
            RuleSet rules = rules(rule("payments-guard", RuleAction.DENY, onTables(List.of("pay*.*"), StatementClass.DELETE)));
            assertThat(decide(rules, "DELETE FROM payments.cards WHERE id = 1").rule()).isEqualTo("payments-guard");
            assertThat(decide(rules, "DELETE FROM payouts.batches WHERE id = 1").rule()).isEqualTo("payments-guard");
            assertThat(decide(rules, "DELETE FROM public.cards WHERE id = 1")).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void anUnqualifiedNameMatchesAnySchema() {
            RuleSet rules = rules(rule("cards", RuleAction.DENY, onTables(List.of("payments.cards"), StatementClass.UPDATE)));
            // search_path decides which cards this is, so it may be payments.cards.
            assertThat(decide(rules, "UPDATE cards SET a = 1 WHERE id = 1").rule()).isEqualTo("cards");
            assertThat(decide(rules, "UPDATE other.cards SET a = 1 WHERE id = 1")).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void quotedMixedCaseNamesMatchExactly() {
            RuleSet rules = rules(rule("accounts", RuleAction.DENY, onTables(List.of("Accounts"), StatementClass.DROP)));
            assertThat(decide(rules, "DROP TABLE \"Accounts\"").rule()).isEqualTo("accounts");
            assertThat(decide(rules, "DROP TABLE Accounts")).isEqualTo(new Decision.Allow(null)); // folds to accounts
            assertThat(decide(rules, "DROP TABLE \"public\".\"Accounts\"").rule()).isEqualTo("accounts");
        }

        @Test
        void aTableConditionHoldsForTheSameOperation() {
            // Reading payments while deleting elsewhere is not a DELETE on payments.
            RuleSet rules = rules(rule("payments", RuleAction.DENY, onTables(List.of("payments.*"), StatementClass.DELETE)));
            assertThat(decide(rules, "DELETE FROM public.log WHERE id IN (SELECT id FROM payments.cards)"))
                    .isEqualTo(new Decision.Allow(null));
            assertThat(decide(rules, "WITH d AS (DELETE FROM payments.cards WHERE id = 1 RETURNING *) SELECT * FROM d").rule())
                    .isEqualTo("payments");
        }

        @Test
        void patternsParse() {
            assertThat(TablePattern.parse("t")).isEqualTo(new TablePattern("*", "t"));
            assertThat(TablePattern.parse("payments.*")).isEqualTo(new TablePattern("payments", "*"));
            assertThat(TablePattern.parse(" a.b.c ")).isEqualTo(new TablePattern("a.b", "c"));
            assertThat(TablePattern.parse(".t")).isEqualTo(new TablePattern("*", "t"));
            assertThat(TablePattern.parse("*.card_*").matches(new TableRef("x", "card_numbers"))).isTrue();
            assertThat(TablePattern.parse("*.card_*").matches(new TableRef("x", "cards"))).isFalse();
            assertThat(TablePattern.parse("a.b").matches(new TableRef("A", "b"))).isFalse();
            assertThat(TablePattern.parse("a+b.t").matches(new TableRef("aab", "t"))).isFalse(); // not a regex
            assertThatThrownBy(() -> TablePattern.parse(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TablePattern.parse(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TablePattern.parse("payments.")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Selectors {

        @Test
        void exceptStatementsMatchesWhatIsNotListed() {
            RuleSet rules = rules(rule("reads-only", RuleAction.DENY,
                    new RuleMatch(Set.of(StatementSelector.of(StatementClass.SELECT)), true, List.of(), false, Set.of(), false, null, null)));
            assertThat(decide(rules, "SELECT * FROM t")).isEqualTo(new Decision.Allow(null));
            assertThat(decide(rules, "INSERT INTO t VALUES (1)").rule()).isEqualTo("reads-only");
            // The DELETE inside the read is an operation of its own.
            assertThat(decide(rules, "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d").rule()).isEqualTo("reads-only");
        }

        @Test
        void aKindNarrowsAClass() {
            RuleSet rules = rules(rule("no-drop-table", RuleAction.DENY,
                    new RuleMatch(Set.of(StatementSelector.parse("drop:table")), false, List.of(), false, Set.of(), false, null, null)));
            assertThat(decide(rules, "DROP TABLE t").rule()).isEqualTo("no-drop-table");
            assertThat(decide(rules, "DROP VIEW v")).isEqualTo(new Decision.Allow(null));
        }

        @Test
        void aRuleWithNoConditionIsEmpty() {
            assertThat(new RuleMatch(null, false, null, false, null, false, null, null).isEmpty()).isTrue();
            assertThat(on(StatementClass.DROP).isEmpty()).isFalse();
        }
    }

    @Nested
    class Unparseable {

        final RuleSet strict = rules(rule("no-drops", RuleAction.DENY, on(StatementClass.DROP)));

        @Test
        void whatPostgresCannotParseIsDenied() {
            Decision decision = decide(strict, "SELEC 1");
            assertThat(decision.rule()).isEqualTo(GuardrailEngine.UNPARSEABLE);
            assertThat(((Decision.Deny) decision).message()).contains("syntax error");
        }

        @Test
        void allowUnparseableLetsItThroughWithAnAlert() {
            RuleSet lenient = new RuleSet(strict.rules(), true);
            assertThat(GuardrailEngine.decide(lenient, ALICE, ANALYZER.analyzeNow("SELEC 1"), Map.of(), NOON))
                    .isEqualTo(new Decision.AllowAndAlert(GuardrailEngine.UNPARSEABLE));
        }

        @Test
        void noRulesMeansNoGuardrails() {
            assertThat(GuardrailEngine.decide(RuleSet.NONE, ALICE, ANALYZER.analyzeNow("SELEC 1"), Map.of(), NOON))
                    .isEqualTo(new Decision.Allow(null));
        }
    }

    @Nested
    class PreparedStatementsAtSqlLevel {

        final RuleSet guard = packs(RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES, RulePacks.NO_SERVER_FILE_ACCESS);

        private Map<String, AnalyzedStatement> prepared(String name, String prepare) {
            return Map.of(name, PreparedStatements.body(ANALYZER.analyzeNow(prepare).statements().get(0)));
        }

        @Test
        void executeOfAnUnknownStatementIsDenied() {
            assertThat(decide(guard, "EXECUTE p").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
            assertThat(decide(guard, "EXECUTE p(1, 'x')").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        }

        @Test
        void executeIsJudgedByWhatItRuns() {
            Map<String, AnalyzedStatement> session = prepared("p", "PREPARE p AS DELETE FROM t");
            assertThat(GuardrailEngine.decide(guard, ALICE, ANALYZER.analyzeNow("EXECUTE p"), session, NOON).rule())
                    .isEqualTo("no-unbounded-writes");
            assertThat(GuardrailEngine.decide(guard, ALICE, ANALYZER.analyzeNow("execute P"), session, NOON).rule())
                    .isEqualTo("no-unbounded-writes");
        }

        @Test
        void explainAnalyzeExecuteIsJudgedByWhatItRuns() {
            // PostgreSQL runs the prepared DELETE under EXPLAIN ANALYZE; before the fix this was [EXPLAIN, EXECUTE] and allowed.
            Map<String, AnalyzedStatement> session = prepared("p", "PREPARE p AS DELETE FROM t WHERE id = $1");
            RuleSet noDeletes = rules(rule("no-deletes", RuleAction.DENY, on(StatementClass.DELETE)));
            for (String sql : List.of("EXPLAIN ANALYZE EXECUTE p(1)", "EXPLAIN (ANALYZE, BUFFERS) EXECUTE p(1)",
                    "explain (analyze true) execute p(1)")) {
                assertThat(GuardrailEngine.decide(noDeletes, ALICE, ANALYZER.analyzeNow(sql), session, NOON).rule())
                        .as(sql).isEqualTo("no-deletes");
            }
            assertThat(GuardrailEngine.decide(noDeletes, ALICE, ANALYZER.analyzeNow("EXPLAIN EXECUTE p(1)"), session, NOON))
                    .isEqualTo(new Decision.Allow(null)); // planned, not run
            assertThat(decide(noDeletes, "EXPLAIN ANALYZE EXECUTE p(1)").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        }

        @Test
        void createTableAsExecuteIsJudgedByWhatItRuns() {
            Map<String, AnalyzedStatement> session = prepared("s", "PREPARE s AS SELECT pg_read_file('/etc/passwd')");
            assertThat(GuardrailEngine.decide(guard, ALICE, ANALYZER.analyzeNow("CREATE TABLE x AS EXECUTE s"), session, NOON).rule())
                    .isEqualTo("no-dangerous-functions");
            assertThat(decide(guard, "CREATE TABLE x AS EXECUTE s").rule()).isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        }

        @Test
        void aStatementPreparedEarlierInTheStringIsKnown() {
            assertThat(decide(guard, "PREPARE q AS DELETE FROM t WHERE id = $1; EXECUTE q(1)")).isEqualTo(new Decision.Allow(null));
            assertThat(decide(guard, "EXECUTE q(1); PREPARE q AS DELETE FROM t WHERE id = $1").rule())
                    .isEqualTo(GuardrailEngine.UNKNOWN_PREPARED);
        }
    }

    @Test
    void theSameInputGivesTheSameDecision() {
        RuleSet rules = packs(RulePacks.READ_ONLY, RulePacks.NO_DESTRUCTIVE_DDL, RulePacks.NO_UNBOUNDED_WRITES,
                RulePacks.NO_SERVER_FILE_ACCESS);
        for (String sql : List.of("SELECT 1; DROP TABLE t", "DELETE FROM t", "SELECT pg_ls_dir('.')", "SELEC 1", "SELECT 1")) {
            Decision first = decide(rules, sql);
            for (int i = 0; i < 5; i++) {
                assertThat(decide(rules, sql)).as(sql).isEqualTo(first);
                assertThat(GuardrailEngine.decide(rules, ALICE, ANALYZER.analyzeNow(sql), Map.of(), NOON)).isEqualTo(first);
            }
        }
    }
}
