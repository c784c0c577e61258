package dev.gatehouse.proxy.protocol.postgres;

import static dev.gatehouse.proxy.testing.RawPostgresClient.bind;
import static dev.gatehouse.proxy.testing.RawPostgresClient.execute;
import static dev.gatehouse.proxy.testing.RawPostgresClient.parse;
import static dev.gatehouse.proxy.testing.RawPostgresClient.query;
import static dev.gatehouse.proxy.testing.RawPostgresClient.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.OneShotApprovals;
import dev.gatehouse.proxy.testing.RawPostgresClient;
import dev.gatehouse.proxy.testing.RawPostgresClient.Answers;
import dev.gatehouse.proxy.testing.TargetPostgres;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * Issue 15's attack 2 against a real PostgreSQL through the gateway: an approval is used up by one
 * execution on the target. Replays of an approved statement in the extended protocol (one Parse
 * and many Bind/Execute, a named statement bound again, a portal executed again, a pipelined copy
 * of a query string) each need their own approval and fail with 42501 "approval required" without
 * one; more rows fetched from the same portal are the same execution; a statement with {@code $n}
 * parameters is approved for its values. Each client is the one the attack needs: a raw socket to
 * put everything in one TCP write, and pgjdbc.
 */
class PostgresApprovalReplayTest {

    static final String UPDATE_ONE = "UPDATE appr SET n = n + 1 WHERE id = 1";
    static final String UPDATE_PARAM = "UPDATE appr SET n = n + 1 WHERE id = $1";
    static final String UPDATE_RETURNING = "UPDATE appr SET n = n + 1 WHERE id <= 3 RETURNING id";

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static final OneShotApprovals APPROVALS = new OneShotApprovals();

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, false, TlsMode.DISABLE, "mallory");
        RuleMatch updates = new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE)), false, List.of(), false, Set.of(), false,
                null, null);
        path.gateway().guard(path.connection().name(),
                new RuleSet(List.of(new GuardrailRule("approve-updates", RuleAction.REQUIRE_APPROVAL, updates, null, null)), false));
        path.gateway().approvals(APPROVALS);
        // A cold parse can take longer than the raw client waits on a loaded machine: parse the statements here, unhurried.
        for (String sql : List.of(UPDATE_ONE, UPDATE_PARAM, UPDATE_RETURNING, "PREPARE p AS " + UPDATE_ONE, "EXECUTE p", "select 1")) {
            path.gateway().sqlAnalyzer().analyzeNow(sql);
        }
    }

    @BeforeEach
    void table() throws Exception {
        APPROVALS.clear();
        path.onTarget("drop table if exists appr", "create table appr(id int primary key, n int not null default 0)",
                "insert into appr(id) select generate_series(1, 5)", "alter table appr owner to " + TargetPostgres.SCRAM_USER);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static RawPostgresClient raw() throws Exception {
        return RawPostgresClient.connect(path.gateway().port(),
                Map.of("user", path.connection().name(), "database", TargetPostgres.DATABASE), path.token());
    }

    private static long n(int id) throws Exception {
        return path.countOnTarget("select n from appr where id = " + id);
    }

    private static byte[][] messages(byte[]... messages) {
        return messages;
    }

    private static byte[][] concat(byte[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(byte[][]::new);
    }

    // ---- the attack as reported: one Parse, five Bind/Execute, one Sync ----

    @Test
    void oneParseAndFiveBindExecuteInOneWriteRunTheApprovedUpdateOnceAndTheReplaysAreRefused() throws Exception {
        APPROVALS.approve(UPDATE_ONE, 1);
        try (RawPostgresClient client = raw()) {
            byte[][] replay = messages(parse("", UPDATE_ONE));
            for (int i = 0; i < 5; i++) {
                replay = concat(replay, messages(bind("", ""), execute("", 0)));
            }
            client.send(concat(replay, messages(sync())));
            Answers answers = client.readUntilReady(1);
            // The first Execute ran (UPDATE 1); the second had no approval of its own and failed, so the
            // target skipped the rest and rolled the implicit transaction back, as it does for any error.
            assertThat(answers.tags()).containsExactly("UPDATE 1");
            assertThat(answers.errors()).hasSize(1);
            assertThat(answers.firstSqlState()).isEqualTo("42501");
            assertThat(answers.firstMessage()).contains("approve-updates").contains("approval required: TEST-1");
            assertThat(answers.status()).isEqualTo('I');
            // The session goes on.
            assertThat(client.simple("select 1").errors()).isEmpty();
        }
        assertThat(n(1)).isZero();
        assertThat(APPROVALS.reviews()).filteredOn(OneShotApprovals.Review::consumed).hasSize(1);
        StatementExecuted ran = path.gateway().awaitRecorded(StatementExecuted.class,
                s -> UPDATE_ONE.equals(s.sql()) && "ALLOW".equals(s.decision()));
        assertThat(ran.decisionRule()).isEqualTo("approve-updates");
        StatementExecuted refused = path.gateway().awaitRecorded(StatementExecuted.class,
                s -> UPDATE_ONE.equals(s.sql()) && "DENY".equals(s.decision()));
        assertThat(refused.sqlState()).isEqualTo("42501");
    }

    @Test
    void replaysInSeparateSyncsOfOneWriteRunOncePerApproval() throws Exception {
        APPROVALS.approve(UPDATE_ONE, 2);
        try (RawPostgresClient client = raw()) {
            byte[][] replay = messages(parse("", UPDATE_ONE), bind("", ""), execute("", 0), sync());
            for (int i = 0; i < 4; i++) {
                replay = concat(replay, messages(bind("", ""), execute("", 0), sync()));
            }
            client.send(replay);
            Answers answers = client.readUntilReady(5);
            assertThat(answers.tags()).containsExactly("UPDATE 1", "UPDATE 1");
            assertThat(answers.errors()).hasSize(3).allSatisfy(error -> {
                assertThat(error.get('C')).isEqualTo("42501");
                assertThat(error.get('M')).contains("approval required");
            });
            assertThat(answers.status()).isEqualTo('I');
        }
        assertThat(n(1)).isEqualTo(2);
        assertThat(APPROVALS.reviews()).hasSize(5).filteredOn(OneShotApprovals.Review::consumed).hasSize(2);
    }

    @Test
    void aNamedStatementBoundAgainAndAPortalExecutedAgainNeedTheirOwnApproval() throws Exception {
        APPROVALS.approve(UPDATE_ONE, 1);
        try (RawPostgresClient client = raw()) {
            client.send(parse("s1", UPDATE_ONE), sync());
            assertThat(client.readUntilReady(1).errors()).isEmpty();
            // The same portal executed twice without a row limit, then the statement bound again: one approval.
            client.send(bind("p", "s1"), execute("p", 0), sync(), bind("p", "s1"), execute("p", 0), execute("p", 0), sync(),
                    bind("q", "s1"), execute("q", 0), sync());
            Answers answers = client.readUntilReady(3);
            assertThat(answers.tags()).containsExactly("UPDATE 1");
            assertThat(answers.errors()).hasSize(2).allSatisfy(error -> assertThat(error.get('M')).contains("approval required"));
        }
        assertThat(n(1)).isEqualTo(1);
        assertThat(APPROVALS.reviews()).filteredOn(OneShotApprovals.Review::consumed).hasSize(1);
    }

    @Test
    void aPipelinedCopyOfAnApprovedQueryStringNeedsItsOwnApproval() throws Exception {
        APPROVALS.approve(UPDATE_ONE, 1);
        try (RawPostgresClient client = raw()) {
            client.send(query(UPDATE_ONE), query(UPDATE_ONE), query(UPDATE_ONE));
            Answers answers = client.readUntilReady(3);
            assertThat(answers.tags()).containsExactly("UPDATE 1");
            assertThat(answers.errors()).hasSize(2).allSatisfy(error -> assertThat(error.get('C')).isEqualTo("42501"));
        }
        assertThat(n(1)).isEqualTo(1);
    }

    @Test
    void moreRowsFromTheSamePortalAreTheSameExecution() throws Exception {
        APPROVALS.approve(UPDATE_RETURNING, 1);
        try (RawPostgresClient client = raw()) {
            client.send(parse("", UPDATE_RETURNING), bind("", ""), execute("", 1), execute("", 1), execute("", 1), execute("", 1),
                    sync());
            Answers answers = client.readUntilReady(1);
            assertThat(answers.errors()).isEmpty();
            assertThat(answers.rows()).hasSize(3);
        }
        // Each row updated once: the portal ran once and was read in chunks; one approval was asked for and used.
        assertThat(path.countOnTarget("select count(*) from appr where n = 1")).isEqualTo(3);
        assertThat(APPROVALS.reviews()).hasSize(1).allMatch(OneShotApprovals.Review::consumed);
    }

    @Test
    void aStatementWithParametersIsApprovedForItsTextAndItsValues() throws Exception {
        APPROVALS.approve(UPDATE_PARAM, 1, "'2'");
        try (RawPostgresClient client = raw()) {
            client.send(parse("s", UPDATE_PARAM), bind("", "s", "3"), execute("", 0), sync(), bind("", "s", "2"), execute("", 0), sync(),
                    bind("", "s", "2"), execute("", 0), sync());
            Answers answers = client.readUntilReady(3);
            assertThat(answers.tags()).containsExactly("UPDATE 1");
            assertThat(answers.errors()).hasSize(2).allSatisfy(error -> assertThat(error.get('M')).contains("approval required"));
        }
        assertThat(n(2)).isEqualTo(1);
        assertThat(n(3)).isZero();
        // The gate saw the values: the approvers' request carries them.
        assertThat(APPROVALS.reviews()).extracting(OneShotApprovals.Review::parameters)
                .containsExactly(List.of("'3'"), List.of("'2'"), List.of("'2'"));
    }

    @Test
    void anExecuteOfASqlPreparedStatementCannotBeApprovedSinceApproversWouldNotSeeWhatItRuns() throws Exception {
        APPROVALS.approve("PREPARE p AS " + UPDATE_ONE, 1);
        APPROVALS.approve("EXECUTE p", 5);
        try (RawPostgresClient client = raw()) {
            client.simple("PREPARE p AS " + UPDATE_ONE);
            Answers run = client.simple("EXECUTE p");
            assertThat(run.firstSqlState()).isEqualTo("42501");
            assertThat(run.firstMessage()).contains("cannot be approved");
        }
        assertThat(n(1)).isZero();
        assertThat(APPROVALS.reviews()).noneMatch(review -> review.sql().equals("EXECUTE p"));
    }

    // ---- pgjdbc ----

    private static java.sql.Connection jdbc() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", path.connection().name());
        properties.setProperty("password", path.token());
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + path.gateway().port() + "/" + TargetPostgres.DATABASE,
                properties);
    }

    @Test
    void aJdbcBatchOfFiveRunsTheApprovedUpdateOnceAndIsRefused() throws Exception {
        APPROVALS.approve(UPDATE_ONE, 1);
        try (java.sql.Connection connection = jdbc(); PreparedStatement update = connection.prepareStatement(UPDATE_ONE)) {
            for (int i = 0; i < 5; i++) {
                update.addBatch();
            }
            assertThatThrownBy(update::executeBatch).isInstanceOf(BatchUpdateException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getNextException().getSQLState()).isEqualTo("42501"));
            // The connection stays usable, outside a transaction, as it would after any failed batch.
            try (var check = connection.createStatement(); var rows = check.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(n(1)).isZero();
        assertThat(APPROVALS.reviews()).filteredOn(OneShotApprovals.Review::consumed).hasSize(1);
    }

    @Test
    void aJdbcPreparedStatementRunTwiceNeedsTwoApprovalsEvenOnceServerPrepared() throws Exception {
        APPROVALS.approve(UPDATE_PARAM, 1, "1 binary:00000001 (type 23)");
        try (java.sql.Connection connection = jdbc(); PreparedStatement update = connection.prepareStatement(UPDATE_PARAM.replace("$1", "?"))) {
            update.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1); // named server-side statement at once
            update.setInt(1, 1);
            assertThat(update.executeUpdate()).isEqualTo(1);
            assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                    .hasMessageContaining("approval required");
        }
        assertThat(n(1)).isEqualTo(1);
    }
}
