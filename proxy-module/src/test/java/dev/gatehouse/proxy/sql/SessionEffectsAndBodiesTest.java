package dev.gatehouse.proxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the analyzer reads for ADR 0016: pinned and tracked settings, code bodies, MERGE. */
class SessionEffectsAndBodiesTest {

    private static final PostgresSqlAnalyzer ANALYZER = PostgresSqlAnalyzer.withDefaults();

    private static AnalyzedStatement only(String sql) {
        SqlAnalysis analysis = ANALYZER.analyzeNow(sql);
        assertThat(analysis.parsed()).as(analysis.parseError()).isTrue();
        assertThat(analysis.statements()).hasSize(1);
        return analysis.statements().get(0);
    }

    private static String refused(String sql) {
        return only(sql).effects().refusedSetting();
    }

    @Test
    void pinnedSettingsAreFoundInEverySpelling() {
        assertThat(refused("SET client_encoding TO 'SJIS'")).isEqualTo("client_encoding");
        assertThat(refused("SET NAMES 'big5'")).isEqualTo("client_encoding");
        assertThat(refused("SET U&\"client_\\0065ncoding\" = 'GBK'")).isEqualTo("client_encoding");
        assertThat(refused("SELECT pg_catalog.set_config('client_encoding', 'GB18030'::text, false)")).isEqualTo("client_encoding");
        assertThat(refused("SELECT set_config(name, 'x', false) FROM t")).isEqualTo("set_config");
        assertThat(refused("UPDATE pg_catalog.pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'")).isEqualTo("pg_settings");
        assertThat(refused("ALTER DATABASE d SET standard_conforming_strings = off")).isEqualTo("standard_conforming_strings");
        assertThat(refused("SET backslash_quote = on")).isEqualTo("backslash_quote");
        assertThat(refused("SET ROLE admin")).isEqualTo("role");
        assertThat(refused("SET SESSION AUTHORIZATION admin")).isEqualTo("session_authorization");
        assertThat(refused("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM set_config('client_encoding', 'SJIS', false); RETURN 1; END $$"))
                .isEqualTo("client_encoding");
        for (String fine : List.of("SET client_encoding = 'UTF8'", "SET NAMES 'utf-8'", "RESET client_encoding", "SET ROLE NONE", "RESET ALL",
                "SET standard_conforming_strings = on", "SET backslash_quote = safe_encoding", "SELECT set_config('work_mem', '1MB', false)")) {
            assertThat(refused(fine)).as(fine).isNull();
        }
    }

    @Test
    void searchPathChangesAreRead() {
        assertThat(only("SET search_path = a, \"B\", \"$user\"").effects().searchPath()).isEqualTo(new SearchPathChange(List.of("a", "B", "$user"), false));
        assertThat(only("SET LOCAL search_path = a").effects().searchPath().local()).isTrue();
        assertThat(only("SELECT set_config('search_path', 'x, \"Y\"', false)").effects().searchPath())
                .isEqualTo(new SearchPathChange(List.of("x", "Y"), false));
        assertThat(only("RESET search_path").effects().searchPath().known()).isFalse();
        assertThat(only("DISCARD ALL").effects().searchPath().known()).isFalse();
        assertThat(only("CREATE FUNCTION f() RETURNS int SET search_path = evil LANGUAGE sql AS 'SELECT 1'").effects().searchPath())
                .as("a function's own SET lasts for its call only").isNull();
    }

    private static boolean has(AnalyzedStatement statement, StatementClass statementClass, boolean unbounded) {
        return statement.operations().stream().anyMatch(o -> o.statementClass() == statementClass && o.unboundedWrite() == unbounded);
    }

    @Test
    void bodiesAreJudgedLikeTheirStatements() {
        assertThat(has(only("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP TABLE keepme $$"), StatementClass.DROP, false)).isTrue();
        assertThat(has(only("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END"), StatementClass.DELETE, true)).isTrue();
        assertThat(has(only("CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $$ DECLARE n int := (SELECT count(*) FROM t);"
                + " BEGIN n := n + 1; UPDATE t SET a = n; END $$"), StatementClass.UPDATE, true)).isTrue();
        AnalyzedStatement dynamic = only("CREATE FUNCTION h() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'SELECT 1'; END $$");
        assertThat(dynamic.opaqueCode()).isTrue();
        assertThat(has(dynamic, StatementClass.DO, false)).isTrue();
        assertThat(only("CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS 'return 1'").opaqueCode()).isTrue();
        AnalyzedStatement harmless = only("CREATE FUNCTION ok() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM t); END $$");
        assertThat(harmless.opaqueCode()).isFalse();
        assertThat(harmless.operations()).extracting(Operation::statementClass).containsOnly(StatementClass.CREATE, StatementClass.SELECT);
    }

    @Test
    void aProcedureCallNamesTheProcedureLikeAnyFunctionCall() {
        assertThat(only("CALL ledger.purge(1)").functions()).contains("purge");
    }

    @Test
    void mergeCountsAsItsWhenClausesAndAnAlwaysTrueJoinIsUnbounded() {
        assertThat(has(only("MERGE INTO v USING s ON true WHEN MATCHED THEN DELETE"), StatementClass.DELETE, true)).isTrue();
        assertThat(has(only("MERGE INTO v USING s ON v.id = v.id WHEN MATCHED THEN UPDATE SET a = 1"), StatementClass.UPDATE, true)).isTrue();
        assertThat(has(only("MERGE INTO v USING s ON v.id = s.id WHEN MATCHED THEN DELETE"), StatementClass.DELETE, false)).isTrue();
        assertThat(has(only("MERGE INTO v USING s ON true WHEN MATCHED AND v.id = 3 THEN DELETE"), StatementClass.DELETE, false)).isTrue();
        assertThat(has(only("MERGE INTO v USING s ON v.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE"), StatementClass.DELETE, true)).isTrue();
        assertThat(has(only("MERGE INTO v USING s ON v.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (1)"), StatementClass.INSERT, false)).isTrue();
    }
}
