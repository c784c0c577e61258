package dev.gatehouse.proxy.protocol.postgres;

import static dev.gatehouse.proxy.testing.RawPostgresClient.query;
import static dev.gatehouse.proxy.testing.RawPostgresClient.queryBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.GuardrailEngine;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.RawPostgresClient;
import dev.gatehouse.proxy.testing.RawPostgresClient.Answers;
import dev.gatehouse.proxy.testing.TargetPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's attacks 1, 4, 5 and 6 against a real PostgreSQL through the gateway, each with the
 * client the attack needs (a raw socket for one-write pipelining, psql, pgjdbc): each now fails
 * with 42501 or 28000 naming what it tried, is recorded with its rule, and the target is untouched.
 */
class PostgresSessionStateAttacksTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static Connection guarded;
    static Connection open;
    static Connection withOptions;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, false, TlsMode.DISABLE, "mallory");
        guarded = path.connection();
        Connection base = path.target().connection(TargetPostgres.SCRAM_USER, TlsMode.DISABLE);
        String secret = path.target().password(TargetPostgres.SCRAM_USER);
        open = path.gateway().addConnection(rename(base, "open-target", Set.of()), secret, false);
        withOptions = path.gateway().addConnection(rename(base, "options-target", Set.of("options", "statement_timeout")), secret, false);
        List<GuardrailRule> packs = new ArrayList<>();
        packs.addAll(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL));
        packs.addAll(RulePacks.all().get(RulePacks.NO_UNBOUNDED_WRITES));
        path.gateway().guard(guarded.name(), new RuleSet(packs, false));
        path.gateway().guard(withOptions.name(), new RuleSet(packs, false));
    }

    private static Connection rename(Connection base, String name, Set<String> startupParameters) {
        return new Connection(name, base.type(), base.host(), base.port(), base.database(), base.username(), base.tlsMode(),
                base.labels(), base.allowedRoles(), false, true, false, startupParameters);
    }

    @BeforeEach
    void tables() throws Exception {
        path.onTarget("drop table if exists keepme, victims", "create table keepme(id int)", "create table victims(id int)",
                "insert into victims select generate_series(1, 5)",
                "alter table keepme owner to " + TargetPostgres.SCRAM_USER, "alter table victims owner to " + TargetPostgres.SCRAM_USER);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static RawPostgresClient raw(Connection connection, Map<String, String> extra) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", connection.name());
        parameters.put("database", TargetPostgres.DATABASE);
        parameters.putAll(extra);
        return RawPostgresClient.connect(path.gateway().port(), parameters, path.token());
    }

    private static boolean keepmeExists() throws Exception {
        return path.countOnTarget("select count(*) from pg_class where relname = 'keepme'") == 1;
    }

    /** {@code SELECT E'} + bytes C3 81 5C + {@code '; DROP TABLE keepme; --'}: one SELECT in UTF-8, a SELECT and a DROP in SJIS. */
    static byte[] sjisSmuggle() {
        ByteArrayOutputStream sql = new ByteArrayOutputStream();
        sql.writeBytes("SELECT E'".getBytes(StandardCharsets.US_ASCII));
        sql.write(0xC3);
        sql.write(0x81);
        sql.write(0x5C);
        sql.writeBytes("'; DROP TABLE keepme; --'".getBytes(StandardCharsets.US_ASCII));
        return sql.toByteArray();
    }

    // ---- attack 1: parsing state ----

    @Test
    void aPipelinedEncodingSwitchIsRefusedAndTheNextStatementRunsAsTheGatewayReadIt() throws Exception {
        try (RawPostgresClient client = raw(guarded, Map.of())) {
            client.send(query("SET client_encoding TO 'SJIS'"), queryBytes(sjisSmuggle()));
            Answers set = client.readUntilReady(1);
            Answers select = client.readUntilReady(1);
            assertThat(set.firstSqlState()).isEqualTo("42501");
            assertThat(set.firstMessage()).contains(GuardrailEngine.PINNED_SETTING).contains("client_encoding");
            assertThat(select.errors()).isEmpty();
            assertThat(select.tags()).containsExactly("SELECT 1");
            assertThat(select.status()).isEqualTo('I');
            assertThat(client.simple("SHOW client_encoding").rows()).containsExactly(List.of("UTF8"));
        }
        assertThat(keepmeExists()).isTrue();
        StatementExecuted refused = path.gateway().awaitRecorded(StatementExecuted.class,
                s -> s.sql().equals("SET client_encoding TO 'SJIS'"));
        assertThat(refused.decisionRule()).isEqualTo(GuardrailEngine.PINNED_SETTING);
        assertThat(refused.decision()).isEqualTo("DENY");
    }

    @Test
    void everySpellingOfAPinnedChangeIsRefusedInsideATransactionWhichTheTargetThenAborts() throws Exception {
        List<String> spellings = List.of("SET NAMES 'BIG5'", "SET LOCAL client_encoding = 'GBK'",
                "SELECT set_config('client_encoding', 'GB18030', false)", "SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false)",
                "UPDATE pg_settings SET setting = 'SJIS' WHERE name = 'client_encoding'", "SET standard_conforming_strings = off",
                "SET backslash_quote = on", "SET U&\"client_\\0065ncoding\" = 'SJIS'", "SET ROLE postgres", "SET SESSION AUTHORIZATION postgres",
                "ALTER ROLE CURRENT_USER SET client_encoding = 'SJIS'",
                "CREATE FUNCTION f() RETURNS int SET standard_conforming_strings = off LANGUAGE sql AS 'SELECT 1'");
        try (RawPostgresClient client = raw(guarded, Map.of())) {
            for (String spelling : spellings) {
                assertThat(client.simple("BEGIN").status()).isEqualTo('T');
                Answers answer = client.simple(spelling);
                assertThat(answer.firstSqlState()).as(spelling).isEqualTo("42501");
                assertThat(answer.firstMessage()).as(spelling).contains(GuardrailEngine.PINNED_SETTING);
                assertThat(answer.status()).as("the target aborted the transaction, as it would for any error").isEqualTo('E');
                assertThat(client.simple("ROLLBACK").status()).isEqualTo('I');
            }
            assertThat(client.simple("SET client_encoding TO 'UTF8'").errors()).isEmpty();
            assertThat(client.simple("SET standard_conforming_strings TO on").errors()).isEmpty();
            assertThat(client.simple("SHOW standard_conforming_strings").rows()).containsExactly(List.of("on"));
        }
    }

    @Test
    void onAConnectionWithoutGuardrailsEncodingsArePinnedTooAndTheTargetsReportIsATripwire() throws Exception {
        path.onTarget("create or replace function sneaky() returns text language sql as $$ select set_config('client_encoding', 'SJIS', false) $$",
                "grant execute on function sneaky() to " + TargetPostgres.SCRAM_USER);
        try (RawPostgresClient client = raw(open, Map.of())) {
            Answers refused = client.simple("SET client_encoding = 'SJIS'");
            assertThat(refused.firstSqlState()).isEqualTo("42501");
            assertThat(refused.firstMessage()).contains("client_encoding");
            assertThat(client.simple("select 1").tags()).containsExactly("SELECT 1");
            // A function the gateway never saw changes it on the target: the report ends the session.
            Answers tripped = client.simple("SELECT sneaky()");
            assertThat(tripped.closed()).isTrue();
            assertThat(tripped.errors()).last().satisfies(error -> {
                assertThat(error.get('S')).isEqualTo("FATAL");
                assertThat(error.get('C')).isEqualTo("42501");
                assertThat(error.get('M')).contains("client_encoding = SJIS");
            });
        }
    }

    @Test
    void psqlStartsAndSwitchesToUtf8AsBefore() throws Exception {
        Psql.Result result = Psql.psql(path.gateway().port(), guarded.name(), TargetPostgres.DATABASE, "disable", path.token(),
                "\\encoding UTF8\n\\encoding\nSHOW client_encoding;\n\\encoding SJIS\nSELECT 1;\n", "-v", "ON_ERROR_STOP=0");
        assertThat(result.stdout()).contains("UTF8").contains("(1 row)");
        // psql prints its own words for a failed \encoding; the record shows the refusal and its rule.
        assertThat(result.stderr()).contains("SJIS");
        StatementExecuted refused = path.gateway().awaitRecorded(StatementExecuted.class,
                s -> s.sql().toLowerCase(java.util.Locale.ROOT).contains("client_encoding to 'sjis'"));
        assertThat(refused.decisionRule()).isEqualTo(GuardrailEngine.PINNED_SETTING);
        assertThat(refused.sqlState()).isEqualTo("42501");
    }

    @Test
    void jdbcSetSchemaWorksAndTheSchemaIsTracked() throws Exception {
        path.onTarget("create schema if not exists ledger authorization " + TargetPostgres.SCRAM_USER);
        Properties properties = new Properties();
        properties.setProperty("user", guarded.name());
        properties.setProperty("password", path.token());
        try (var jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + path.gateway().port() + "/" + TargetPostgres.DATABASE,
                properties)) {
            jdbc.setSchema("ledger");
            assertThat(jdbc.getSchema()).isEqualTo("ledger");
            try (ResultSet rs = jdbc.createStatement().executeQuery("show search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ledger");
            }
        }
    }

    @Test
    void anAllowingTableRuleMatchesUnqualifiedNamesOnlyUnderASearchPathTheGatewayKnows() throws Exception {
        path.onTarget("create schema if not exists reporting authorization " + TargetPostgres.SCRAM_USER,
                "create schema if not exists vault authorization " + TargetPostgres.SCRAM_USER,
                "create table if not exists reporting.figures(n int)", "create table if not exists vault.figures(n int)",
                "alter table reporting.figures owner to " + TargetPostgres.SCRAM_USER, "alter table vault.figures owner to " + TargetPostgres.SCRAM_USER);
        Connection reports = path.gateway().addConnection(rename(path.target().connection(TargetPostgres.SCRAM_USER, TlsMode.DISABLE),
                "reports-target", Set.of()), path.target().password(TargetPostgres.SCRAM_USER), false);
        // Reads of reporting.* are allowed; every other read is refused.
        path.gateway().guard(reports.name(), new RuleSet(List.of(
                new GuardrailRule("reporting-reads", RuleAction.ALLOW, new RuleMatch(
                        Set.of(StatementSelector.of(StatementClass.SELECT)), false,
                        List.of(TablePattern.parse("reporting.*")), false, Set.of(), false, null, null), null, null),
                new GuardrailRule("no-other-reads", RuleAction.DENY, new RuleMatch(
                        Set.of(StatementSelector.of(StatementClass.SELECT)), false,
                        List.of(TablePattern.parse("*")), false, Set.of(), false, null, null),
                        "only reporting tables may be read", null)), false));
        try (RawPostgresClient client = raw(reports, Map.of())) {
            assertThat(client.simple("SELECT * FROM reporting.figures").errors()).isEmpty();
            assertThat(client.simple("SELECT * FROM figures").firstMessage()).as("the target's default path is unknown to the gateway")
                    .contains("no-other-reads");
            assertThat(client.simple("SET search_path = reporting").errors()).isEmpty();
            assertThat(client.simple("SELECT * FROM figures").errors()).isEmpty();
            // Pipelined: the path change and the read in one write; the read is judged under the widened path.
            client.send(query("SET search_path = vault"), query("SELECT * FROM figures"));
            assertThat(client.readUntilReady(1).errors()).isEmpty();
            assertThat(client.readUntilReady(1).firstMessage()).contains("no-other-reads");
            assertThat(client.simple("SET search_path = reporting").errors()).isEmpty();
            // A change inside a transaction may be rolled back: it only widens what the name may be.
            assertThat(client.simple("BEGIN; SET LOCAL search_path = vault; COMMIT").errors()).isEmpty();
            assertThat(client.simple("SELECT * FROM figures").firstMessage()).contains("no-other-reads");
            assertThat(client.simple("SET search_path = reporting").errors()).isEmpty();
            assertThat(client.simple("SELECT * FROM figures").errors()).isEmpty();
        }
    }

    // ---- attack 4: startup parameters ----

    @Test
    void startupParametersOutsideTheAllowListAreRefusedAtLoginAndRecorded() throws Exception {
        Map<String, String> attempts = Map.of(
                "options", "-c search_path=evil -c statement_timeout=0",
                "session_replication_role", "replica",
                "default_transaction_read_only", "off",
                "role", "postgres",
                "client_encoding", "SJIS");
        for (var attempt : attempts.entrySet()) {
            try (RawPostgresClient client = raw(guarded, Map.of(attempt.getKey(), attempt.getValue()))) {
                Answers login = client.login();
                assertThat(login.closed()).as(attempt.getKey()).isTrue();
                assertThat(login.firstSqlState()).as(attempt.getKey()).isEqualTo("28000");
                String named = attempt.getKey().equals("options") ? "search_path" : attempt.getKey();
                assertThat(login.firstMessage()).as(attempt.getKey()).contains(named);
            }
        }
        LoginRefused refused = path.gateway().awaitRecorded(LoginRefused.class, r -> "startup_parameter".equals(r.reason())
                && r.message().contains("session_replication_role"));
        assertThat(refused.sqlState()).isEqualTo("28000");
    }

    @Test
    void optionsAreReadAsPostgresReadsThemAndGatehouseWaitStillWorks() throws Exception {
        try (RawPostgresClient client = raw(guarded, Map.of("options", "-c gatehouse.wait=5"))) {
            assertThat(client.login().closed()).isFalse();
            assertThat(client.simple("select 1").tags()).containsExactly("SELECT 1");
        }
        // An escaped space keeps "-c search_path=evil" inside gatehouse.wait's value: one harmless setting, as on the server.
        try (RawPostgresClient client = raw(guarded, Map.of("options", "-c gatehouse.wait=5\\ -c\\ search_path=evil"))) {
            assertThat(client.login().closed()).isFalse();
        }
        try (RawPostgresClient client = raw(guarded, Map.of("options", "--search-path=evil"))) {
            assertThat(client.login().firstSqlState()).isEqualTo("28000");
            assertThat(client.login().firstMessage()).contains("search_path");
        }
        // A connection that allows options and statement_timeout passes those, and nothing else.
        try (RawPostgresClient client = raw(withOptions, Map.of("options", "-c statement_timeout=1234"))) {
            assertThat(client.simple("SHOW statement_timeout").rows()).containsExactly(List.of("1234ms"));
        }
        try (RawPostgresClient client = raw(withOptions, Map.of("options", "-c statement_timeout=0 -c search_path=evil"))) {
            assertThat(client.login().firstSqlState()).isEqualTo("28000");
            assertThat(client.login().firstMessage()).contains("search_path");
        }
    }

    // ---- attack 5: code bodies ----

    @Test
    void functionBodiesAreJudgedLikeTheStatementsTheyContain() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DROP TABLE keepme $$", RulePacks.NO_DESTRUCTIVE_DDL);
        bodies.put("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM victims; END", "no-unbounded-writes");
        bodies.put("CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM victims WHERE 1 = 1; END $$",
                "no-unbounded-writes");
        bodies.put("CREATE FUNCTION h() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DROP TABLE ' || 'keepme'; END $$",
                "no-do-blocks");
        try (RawPostgresClient client = raw(guarded, Map.of())) {
            for (var body : bodies.entrySet()) {
                Answers answer = client.simple(body.getKey());
                assertThat(answer.firstSqlState()).as(body.getKey()).isEqualTo("42501");
                assertThat(answer.firstMessage()).as(body.getKey()).contains(body.getValue().equals(RulePacks.NO_DESTRUCTIVE_DDL)
                        ? "no-drop-or-truncate" : body.getValue());
            }
            Answers harmless = client.simple("CREATE FUNCTION ok() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM victims); END $$");
            assertThat(harmless.errors()).isEmpty();
        }
        assertThat(keepmeExists()).isTrue();
        assertThat(path.countOnTarget("select count(*) from victims")).isEqualTo(5);
    }

    @Test
    void callsOfFunctionsThatAlreadyExistAreJudgedByTheirBodiesReadFromTheTargetsCatalog() throws Exception {
        path.onTarget("create or replace function dropper() returns void language plpgsql as $$ begin drop table keepme; end $$",
                "create or replace function wipe() returns void language sql as $$ delete from victims $$",
                "create or replace procedure purge() language sql as $$ truncate victims $$",
                "create or replace function outer_fn() returns void language sql as $$ select dropper() $$",
                "create or replace function counted() returns bigint language sql as $$ select count(*) from victims $$",
                "create or replace function secretly(int) returns int security definer language plpgsql as $$ begin delete from victims; return 1; end $$",
                "grant all on function dropper(), wipe(), outer_fn(), counted(), secretly(int) to " + TargetPostgres.SCRAM_USER,
                "grant all on procedure purge() to " + TargetPostgres.SCRAM_USER);
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("SELECT dropper()", "no-drop-or-truncate");
        calls.put("SELECT 1 WHERE wipe() IS NULL", "no-unbounded-writes");
        calls.put("CALL purge()", "no-drop-or-truncate");
        calls.put("SELECT outer_fn()", "no-drop-or-truncate");
        calls.put("SELECT public.secretly(1)", "no-unbounded-writes");
        try (RawPostgresClient client = raw(guarded, Map.of())) {
            for (var call : calls.entrySet()) {
                Answers answer = client.simple(call.getKey());
                assertThat(answer.firstSqlState()).as(call.getKey()).isEqualTo("42501");
                assertThat(answer.firstMessage()).as(call.getKey()).contains(call.getValue());
            }
            assertThat(client.simple("SELECT counted()").rows()).containsExactly(List.of("5"));
        }
        assertThat(keepmeExists()).isTrue();
        assertThat(path.countOnTarget("select count(*) from victims")).isEqualTo(5);
    }

    // ---- attack 6: MERGE ----

    @Test
    void mergeIsJudgedByItsWhenClausesAndAnAlwaysTrueJoinIsUnbounded() throws Exception {
        try (RawPostgresClient client = raw(guarded, Map.of())) {
            for (String on : List.of("true", "1 = 1", "NOT false", "v.id = v.id")) {
                Answers answer = client.simple("MERGE INTO victims v USING (SELECT 1 AS id) s ON " + on + " WHEN MATCHED THEN DELETE");
                assertThat(answer.firstSqlState()).as(on).isEqualTo("42501");
                assertThat(answer.firstMessage()).as(on).contains("no-unbounded-writes");
            }
            // A bounded MERGE goes to the target, whose own answer comes back (the embedded PostgreSQL 14 has no MERGE yet).
            Answers bounded = client.simple("MERGE INTO victims v USING (SELECT 1 AS id) s ON v.id = s.id WHEN MATCHED THEN DELETE");
            assertThat(bounded.firstSqlState()).isIn(null, "42601");
        }
        assertThat(path.countOnTarget("select count(*) from victims")).isGreaterThanOrEqualTo(4);
    }
}
