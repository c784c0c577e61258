package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.policy.SessionGuard;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.Psql.Result;
import dev.gatehouse.proxy.testing.TargetPostgres;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-closed: while the audit store refuses writes, a fail-closed connection runs no new statement
 * and admits no new session, and a connection configured fail-open keeps working. The store's
 * refusal is simulated by the test gateway's recorder (the real one is the JPA recorder, which
 * the web-ui IT exercises with a real revoked grant); the pipeline, the clients and the target are real.
 */
class PostgresAuditFailClosedTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static Connection failOpen;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.REQUIRE, "agent-9");
        Connection closed = path.connection();
        failOpen = path.gateway().addConnection(new Connection(closed.name() + "-open", closed.type(), closed.host(), closed.port(),
                closed.database(), closed.username(), closed.tlsMode(), closed.labels(), closed.allowedRoles(), false),
                path.target().password(TargetPostgres.SCRAM_USER), false, false);
    }

    @AfterEach
    void storeBack() throws Exception {
        path.gateway().auditStoreDown(false);
        await(() -> path.gateway().recording().acceptingEvents());
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    @Test
    void statementsAndSessionsAreRefusedWhileTheAuditStoreIsDownAndNothingRecordedIsLost() throws Exception {
        try (java.sql.Connection open = jdbc(path.connection().name()); Statement st = open.createStatement()) {
            assertThat(single(st, "select 1")).isEqualTo(1);

            storeGoesDown();

            assertThatThrownBy(() -> single(st, "select 2"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("audit trail cannot record statements right now").contains("fail-closed");
                    });
            Result refused = psql(path.connection().name(), "select 3");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("audit trail cannot record right now").contains("fail-closed");

            path.gateway().auditStoreDown(false);
            await(() -> path.gateway().recording().acceptingEvents());
            assertThat(single(st, "select 4")).as("the open session works again once the store recovers").isEqualTo(4);
        }
        assertThat(psql(path.connection().name(), "select 5").stdout()).contains("5");

        StatementExecuted blocked = path.gateway().awaitRecorded(StatementExecuted.class, s -> "select 2".equals(s.sql()));
        assertThat(blocked.decision()).isEqualTo("DENY");
        assertThat(blocked.decisionRule()).isEqualTo(SessionGuard.AUDIT_UNAVAILABLE);
        assertThat(path.gateway().awaitRecorded(LoginRefused.class, r -> "audit_unavailable".equals(r.reason())).connection())
                .isEqualTo(path.connection().name());
        assertThat(path.gateway().awaitRecorded(StatementExecuted.class, s -> "select 1".equals(s.sql())))
                .as("events queued before and during the outage are written after it").isNotNull();
    }

    @Test
    void aFailOpenConnectionKeepsWorking() throws Exception {
        storeGoesDown();
        Result result = psql(failOpen.name(), "select 'still here'");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("still here");
    }

    private static void storeGoesDown() throws Exception {
        path.gateway().auditStoreDown(true);
        // The pipeline learns of the outage from its next write: give it one.
        psql(failOpen.name(), "select 'wake the writer'");
        await(() -> !path.gateway().recording().acceptingEvents());
    }

    private static int single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static java.sql.Connection jdbc(String connectionName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connectionName);
        properties.setProperty("password", path.token());
        properties.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + path.gateway().port() + "/" + TargetPostgres.DATABASE,
                properties);
    }

    private static Result psql(String connectionName, String sql) throws Exception {
        return Psql.psql(path.gateway().port(), connectionName, TargetPostgres.DATABASE, "require", path.token(), null, "-tAc", sql);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
