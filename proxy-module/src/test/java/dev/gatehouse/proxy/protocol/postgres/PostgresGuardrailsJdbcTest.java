package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RuleMatch;
import dev.gatehouse.proxy.policy.RulePacks;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Guardrails against PgJDBC, which speaks the extended protocol: Parse/Bind/Execute, named
 * server-side statements after a few executions, and batches pipelined up to one Sync.
 */
class PostgresGuardrailsJdbcTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    static final List<GuardrailRule> PACKS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "ci-agent");
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
        PACKS.addAll(RulePacks.all().get(RulePacks.NO_DESTRUCTIVE_DDL));
        PACKS.addAll(RulePacks.all().get(RulePacks.NO_UNBOUNDED_WRITES));
        path.onTarget("create table ledger(id int primary key, amount int)", "alter table ledger owner to " + TargetPostgres.SCRAM_USER);
    }

    @BeforeEach
    void rows() throws Exception {
        gateway.guard(connection.name(), new RuleSet(PACKS, false));
        path.onTarget("truncate ledger", "insert into ledger select g, g * 10 from generate_series(1, 5) g");
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static java.sql.Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE, properties);
    }

    private static long rowsOnTarget() throws Exception {
        return path.countOnTarget("select count(*) from ledger");
    }

    @Test
    void preparedStatementsAreDecidedAtParse() throws Exception {
        try (java.sql.Connection db = open()) {
            try (PreparedStatement unbounded = db.prepareStatement("DELETE FROM ledger WHERE ? = ?")) {
                unbounded.setInt(1, 1);
                unbounded.setInt(2, 1);
                // Parameters are not constants the gateway can fold: this one is bounded as far as it can tell.
                assertThat(unbounded.executeUpdate()).isEqualTo(5);
            }
            rows();
            try (PreparedStatement all = db.prepareStatement("DELETE FROM ledger")) {
                assertThatThrownBy(all::executeUpdate).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.getMessage()).contains("blocked by guardrail \"no-unbounded-writes\"");
                });
            }
            try (PreparedStatement one = db.prepareStatement("DELETE FROM ledger WHERE id = ?")) {
                one.setInt(1, 3);
                assertThat(one.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(rowsOnTarget()).isEqualTo(4);
    }

    @Test
    void aBatchWithOneDeniedStatementRunsNothingAndTheConnectionGoesOn() throws Exception {
        try (java.sql.Connection db = open(); Statement st = db.createStatement()) {
            st.addBatch("INSERT INTO ledger VALUES (100, 1)");
            st.addBatch("DROP TABLE ledger");
            st.addBatch("INSERT INTO ledger VALUES (101, 1)");
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                    e -> assertThat(e.getMessage()).contains("blocked by guardrail \"no-drop-or-truncate\""));
            // In auto-commit the batch is one implicit transaction up to its Sync: the first insert is gone too.
            try (ResultSet rs = st.executeQuery("select count(*) from ledger")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                for (int i = 200; i < 203; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, i);
                    insert.addBatch();
                }
                assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
            }
        }
        assertThat(rowsOnTarget()).isEqualTo(8);
    }

    @Test
    void aBlockInsideATransactionFailsItOnBothSidesAndRollbackRecovers() throws Exception {
        try (java.sql.Connection db = open()) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                st.executeUpdate("INSERT INTO ledger VALUES (100, 1)");
                assertThatThrownBy(() -> st.execute("TRUNCATE ledger"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                // The driver saw the target's ReadyForQuery: it knows the transaction failed ...
                assertThat(db.unwrap(BaseConnection.class).getTransactionState()).isEqualTo(TransactionState.FAILED);
                // ... and so does the target.
                assertThatThrownBy(() -> st.executeQuery("select 1"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
                db.rollback();
                assertThat(db.unwrap(BaseConnection.class).getTransactionState()).isEqualTo(TransactionState.IDLE);
                try (ResultSet rs = st.executeQuery("select count(*) from ledger")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(5);
                }
            }
        }
    }

    @Test
    void aNamedStatementIsCheckedAgainAtExecuteSoNewRulesApplyWithoutAnotherParse() throws Exception {
        try (java.sql.Connection db = open(); PreparedStatement update = db.prepareStatement("UPDATE ledger SET amount = ? WHERE id = ?")) {
            // After five executions PgJDBC keeps a named statement on the server and only sends Bind/Execute.
            for (int i = 0; i < 8; i++) {
                update.setInt(1, i);
                update.setInt(2, 1);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            List<GuardrailRule> stricter = new ArrayList<>(PACKS);
            stricter.add(0, new GuardrailRule("ledger-frozen", RuleAction.DENY,
                    new RuleMatch(Set.of(StatementSelector.of(StatementClass.UPDATE)), false, List.of(TablePattern.parse("ledger")),
                            false, Set.of(), false, null, null), "the ledger is frozen for the audit", null));
            gateway.guard(connection.name(), new RuleSet(stricter, false));
            update.setInt(1, 999);
            update.setInt(2, 1);
            assertThatThrownBy(update::executeUpdate).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getMessage()).contains("blocked by guardrail \"ledger-frozen\": the ledger is frozen for the audit");
            });
            try (ResultSet rs = db.createStatement().executeQuery("select amount from ledger where id = 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
        StatementExecuted denied = gateway.awaitRecorded(StatementExecuted.class, s -> "ledger-frozen".equals(s.decisionRule()));
        assertThat(denied.decision()).isEqualTo("DENY");
        assertThat(denied.sql()).isEqualTo("UPDATE ledger SET amount = $1 WHERE id = $2");
        assertThat(denied.parameters()).extracting(p -> p.value()).containsExactly("999", "1");
    }
}
