package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the gateway ends open sessions with 57P01, records the statement that was running as
 * interrupted and every session's end, and writes all of it before the recorder stops.
 */
class PostgresShutdownTest {

    @TempDir
    Path tlsDir;

    @Test
    void shutdownTellsClientsAndRecordsEverythingBeforeStopping() throws Exception {
        try (TargetPostgres target = TargetPostgres.startWithoutTls()) {
            TestGateway gateway = TestGateway.start(tlsDir);
            Connection connection = gateway.addConnection(target.connection(TargetPostgres.SCRAM_USER, TlsMode.DISABLE),
                    target.password(TargetPostgres.SCRAM_USER), false);
            Properties properties = new Properties();
            properties.setProperty("user", connection.name());
            properties.setProperty("password", gateway.userToken("night-shift", TestGateway.ROLE));
            String url = "jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE;
            try (java.sql.Connection idle = DriverManager.getConnection(url, properties);
                    java.sql.Connection busy = DriverManager.getConnection(url, properties)) {
                try (ResultSet rs = idle.createStatement().executeQuery("select 1")) {
                    assertThat(rs.next()).isTrue();
                }
                CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                    try (Statement st = busy.createStatement()) {
                        st.execute("select pg_sleep(30)");
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                });
                // Stop only once the statement runs on the target: stopping earlier would record no statement.
                target.awaitActivity("query = 'select pg_sleep(30)' and state = 'active'");

                gateway.close(); // stops the listener, ends sessions, drains the recording queue

                SQLException interrupted = sleeping.get(10, TimeUnit.SECONDS);
                assertThat(interrupted.getSQLState()).isIn("57P01", "08006");
                assertThatThrownBy(() -> idle.createStatement().executeQuery("select 1")).isInstanceOf(SQLException.class);
            }
            assertThat(gateway.recorded(SessionEnded.class)).hasSize(2)
                    .allSatisfy(ended -> assertThat(ended.reason()).isEqualTo("gateway shutdown"));
            assertThat(gateway.recorded(StatementExecuted.class))
                    .anySatisfy(s -> {
                        assertThat(s.sql()).isEqualTo("select pg_sleep(30)");
                        assertThat(s.sqlState()).isEqualTo("08006");
                        assertThat(s.errorMessage()).contains("gateway shutdown");
                    });
        }
    }
}
