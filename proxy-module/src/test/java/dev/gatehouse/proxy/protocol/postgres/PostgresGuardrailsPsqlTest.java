package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.Psql.Result;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guardrails against real psql, on a connection with the "no destructive DDL", "no unbounded
 * writes" and "no server file access" packs. What the target holds afterwards is read directly
 * from the target, not through the gateway.
 */
class PostgresGuardrailsPsqlTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "agent-7");
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
        List<GuardrailRule> rules = new ArrayList<>();
        rules.addAll(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL));
        rules.addAll(RulePacks.all().get(RulePacks.NO_UNBOUNDED_WRITES));
        rules.addAll(RulePacks.all().get(RulePacks.NO_SERVER_FILE_ACCESS));
        gateway.guard(connection.name(), new RuleSet(rules, false));
        path.onTarget("create table guarded(id int primary key, v text)", "alter table guarded owner to " + TargetPostgres.SCRAM_USER);
    }

    @BeforeEach
    void rows() throws Exception {
        path.onTarget("truncate guarded", "insert into guarded select g, 'row ' || g from generate_series(1, 5) g");
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static Result psql(String... arguments) throws Exception {
        return Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, null, arguments);
    }

    private static Result psqlScript(String script) throws Exception {
        return Psql.psql(gateway.port(), connection.name(), TargetPostgres.DATABASE, "require", token, script, "-f", "-");
    }

    private static long rowsOnTarget() throws Exception {
        return path.countOnTarget("select count(*) from guarded");
    }

    private static boolean tableExists() throws Exception {
        return path.countOnTarget("select count(*) from pg_class where oid = to_regclass('public.guarded')") == 1;
    }

    @Test
    void dropTableAndAnUnboundedDeleteAreRefusedAndABoundedDeleteRuns() throws Exception {
        Result run = psql("-c", "DROP TABLE guarded", "-c", "DELETE FROM guarded", "-c", "DELETE FROM guarded WHERE id = 1",
                "-c", "select count(*) as left_rows from guarded");

        assertThat(run.stderr()).contains("ERROR:  42501: blocked by guardrail \"no-drop-or-truncate\"");
        assertThat(run.stderr()).contains("ERROR:  42501: blocked by guardrail \"no-unbounded-writes\"");
        assertThat(run.stdout()).contains("DELETE 1").contains(" 4\n"); // the session went on after both blocks
        assertThat(tableExists()).isTrue();
        assertThat(rowsOnTarget()).isEqualTo(4);
    }

    @Test
    void evasiveSpellingsAreRefusedToo() throws Exception {
        Result run = psql("-c", "dRoP/**/TaBlE \"guarded\"", "-c", "delete from public.guarded where 1 = 1",
                "-c", "WITH gone AS (DELETE FROM guarded RETURNING *) SELECT count(*) FROM gone",
                "-c", "DO $$ BEGIN EXECUTE 'DROP TABLE guarded'; END $$",
                "-c", "COPY guarded TO PROGRAM 'cat > /tmp/gatehouse-exfil'",
                "-c", "select length(pg_read_file('/etc/hostname'))");

        assertThat(run.stderr().lines().filter(line -> line.startsWith("ERROR:  42501: blocked by guardrail")).count()).isEqualTo(6);
        assertThat(run.stderr()).contains("\"no-do-blocks\"").contains("\"no-copy-program-or-server-file\"")
                .contains("\"no-dangerous-functions\"");
        assertThat(tableExists()).isTrue();
        assertThat(rowsOnTarget()).isEqualTo(5);
    }

    @Test
    void ifOneStatementOfAQueryStringIsDeniedNoneOfItRuns() throws Exception {
        Result run = psql("-c", "INSERT INTO guarded VALUES (100, 'x'); DROP TABLE guarded");

        assertThat(run.stderr()).contains("42501: blocked by guardrail \"no-drop-or-truncate\"");
        assertThat(rowsOnTarget()).isEqualTo(5);
    }

    @Test
    void aBlockInsideATransactionLeavesBothSidesInAFailedTransactionAndRollbackWorks() throws Exception {
        Result run = psqlScript("""
                BEGIN;
                INSERT INTO guarded VALUES (100, 'inside');
                DROP TABLE guarded;
                \\echo after-block :LAST_ERROR_SQLSTATE
                SELECT 'still in the failed transaction';
                ROLLBACK;
                SELECT count(*) AS after_rollback FROM guarded;
                """);

        assertThat(run.stderr()).contains("42501: blocked by guardrail \"no-drop-or-truncate\"");
        assertThat(run.stdout()).contains("after-block 42501");
        // The target itself is in the failed transaction: it refuses the next statement ...
        assertThat(run.stderr()).contains("25P02: current transaction is aborted, commands ignored until end of transaction block");
        // ... and ROLLBACK ends it, undoing the insert; the session goes on.
        assertThat(run.stdout()).contains("ROLLBACK").contains(" 5\n");
        assertThat(rowsOnTarget()).isEqualTo(5);
    }

    @Test
    void aStatementPostgresCannotParseNeverReachesTheTarget() throws Exception {
        Result run = psql("-c", "SELEC count(*) FROM guarded", "-c", "select 'next' as answer");

        assertThat(run.stderr()).contains("42501: blocked by guardrail \"unparseable-statement\": the statement cannot be parsed as PostgreSQL: syntax error at or near \"SELEC\"");
        assertThat(run.stdout()).contains("next");
    }

    @Test
    void aClientEncodingTheGatewayCannotReadIsRefusedAndTheSessionStaysUtf8() throws Exception {
        // SJIS characters can end in a quote or backslash byte: the target would read text the gateway did not.
        Result run = psqlScript("""
                select 'readable' as before;
                \\encoding SJIS
                show client_encoding;
                """);

        assertThat(run.stdout()).contains("readable");
        // psql words the failed \\encoding itself; the refusal and its rule are in the record.
        assertThat(run.stderr()).contains("SJIS");
        assertThat(run.stdout()).contains("UTF8");
        StatementExecuted refused = gateway.awaitRecorded(StatementExecuted.class,
                s -> s.sql().toLowerCase(java.util.Locale.ROOT).contains("client_encoding to 'sjis'"));
        assertThat(refused.decisionRule()).isEqualTo("pinned-session-setting");
    }

    @Test
    void standardConformingStringsOffIsRefusedAndTheSessionGoesOn() throws Exception {
        Result run = psql("-c", "SET standard_conforming_strings = off", "-c", "SET standard_conforming_strings = 'off'",
                "-c", "select 'next'");

        assertThat(run.stderr()).contains("\"pinned-session-setting\": standard_conforming_strings is pinned to on");
        assertThat(run.stdout()).contains("next");
    }

    @Test
    void everyDecisionIsRecordedWithItsRule() throws Exception {
        psql("-c", "select count(*) from guarded /* recorded-allow */", "-c", "TRUNCATE guarded /* recorded-deny */");

        StatementExecuted allowed = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().contains("recorded-allow"));
        assertThat(allowed.decision()).isEqualTo("ALLOW");
        assertThat(allowed.decisionRule()).isNull();
        assertThat(allowed.sqlState()).isNull();
        StatementExecuted denied = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().contains("recorded-deny"));
        assertThat(denied.decision()).isEqualTo("DENY");
        assertThat(denied.decisionRule()).isEqualTo("no-drop-or-truncate");
        assertThat(denied.sqlState()).isEqualTo("42501");
        assertThat(denied.sql()).isEqualTo("TRUNCATE guarded /* recorded-deny */"); // what the client sent, not the stand-in
        assertThat(rowsOnTarget()).isEqualTo(5);
    }
}
