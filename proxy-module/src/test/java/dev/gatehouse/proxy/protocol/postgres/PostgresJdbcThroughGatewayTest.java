package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL JDBC driver through the gateway: the extended protocol in the ways applications use it. */
class PostgresJdbcThroughGatewayTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TargetPostgres target;
    static TestGateway gateway;
    static Connection connection;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, true, TlsMode.PREFER, "ci-agent");
        target = path.target();
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private static java.sql.Connection open(String extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", token);
        properties.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE
                + "?ApplicationName=jdbc-test" + extra, properties);
    }

    @Test
    void preparedStatementsAndBatchesRunAndAreRecordedWithTheirParameters() throws Exception {
        try (java.sql.Connection db = open(""); Statement st = db.createStatement()) {
            st.execute("create table accounts(id int primary key, owner text, balance numeric)");
            try (PreparedStatement insert = db.prepareStatement("insert into accounts values (?, ?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "owner-" + i);
                    insert.setBigDecimal(3, java.math.BigDecimal.valueOf(i * 10L));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertThat(counts).hasSize(50).containsOnly(1);
            }
            try (PreparedStatement select = db.prepareStatement("select owner, balance from accounts where id = ?")) {
                for (int i = 0; i < 10; i++) {
                    select.setInt(1, 7);
                    try (ResultSet rs = select.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("owner-7");
                        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("70");
                    }
                }
            }
            assertThatThrownBy(() -> st.execute("insert into accounts values (1, 'dup', 0)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
        StatementExecuted batchRow = gateway.awaitRecorded(StatementExecuted.class,
                s -> s.sql().equals("insert into accounts values ($1, $2, $3)") && !s.parameters().isEmpty()
                        && "owner-50".equals(s.parameters().get(1).value()));
        assertThat(batchRow.rows()).isEqualTo(1);
        assertThat(batchRow.parameters().get(0).value()).isEqualTo("50");
        gateway.awaitRecorded(StatementExecuted.class, s -> "23505".equals(s.sqlState()));
        long selects = gateway.recorded(StatementExecuted.class).stream()
                .filter(s -> s.sql().equals("select owner, balance from accounts where id = $1")).count();
        assertThat(selects).isEqualTo(10);
    }

    @Test
    void aCursorWithAFetchSizeReadsEveryRowInChunks() throws Exception {
        try (java.sql.Connection db = open(""); Statement setup = db.createStatement()) {
            setup.execute("create table numbers as select g as n from generate_series(1, 1000) g");
            db.setAutoCommit(false);
            try (PreparedStatement st = db.prepareStatement("select n from numbers order by n")) {
                st.setFetchSize(100);
                long sum = 0;
                int count = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getInt(1);
                        count++;
                    }
                }
                assertThat(count).isEqualTo(1000);
                assertThat(sum).isEqualTo(500_500);
            }
            db.commit();
        }
        StatementExecuted cursor = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().equals("select n from numbers order by n"));
        assertThat(cursor.rows()).isEqualTo(1000);
    }

    @Test
    void binaryTransferOfParametersAndResults() throws Exception {
        // prepareThreshold=1 makes the driver use a named server-side statement and binary formats at once.
        try (java.sql.Connection db = open("&prepareThreshold=1&binaryTransfer=true")) {
            Instant when = Instant.parse("2026-11-25T12:34:56.789Z");
            byte[] blob = {0, 1, 2, (byte) 0xFF, 0};
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement st = db.prepareStatement("select ?::int8 + 1, ?::bytea, ?::timestamptz, ?::float8 * 2")) {
                    st.setLong(1, 41);
                    st.setBytes(2, blob);
                    st.setTimestamp(3, Timestamp.from(when));
                    st.setDouble(4, 1.25);
                    try (ResultSet rs = st.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong(1)).isEqualTo(42);
                        assertThat(rs.getBytes(2)).containsExactly(blob);
                        assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(when);
                        assertThat(rs.getDouble(4)).isEqualTo(2.5);
                    }
                }
            }
        }
        StatementExecuted binary = gateway.awaitRecorded(StatementExecuted.class,
                s -> s.sql().startsWith("select $1::int8 + 1") && s.parameters().stream().anyMatch(BoundParameter::binary));
        BoundParameter bytes = binary.parameters().get(1);
        assertThat(bytes.binary()).isTrue();
        assertThat(bytes.value()).as("binary values are recorded by length only").isNull();
        assertThat(bytes.length()).isEqualTo(5);
    }

    @Test
    void cancellingThroughTheGatewayStopsTheQueryOnTheTarget() throws Exception {
        try (java.sql.Connection db = open(""); Statement st = db.createStatement()) {
            int upstreamPid;
            try (ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                upstreamPid = rs.getInt(1);
            }
            CompletableFuture<SQLException> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement sleeper = db.createStatement()) {
                    sleeper.execute("select pg_sleep(30)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            awaitActive(upstreamPid);
            long cancelledAt = System.nanoTime();
            // The driver opens a new connection to the gateway and sends the key the gateway gave it.
            db.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            SQLException error = sleeping.get(5, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
            assertThat((Object) error).as("the sleeping statement failed").isNotNull();
            assertThat(error.getSQLState()).isEqualTo("57014");
            assertThat(tookMillis).isLessThan(2000);
            try (var admin = target.superuser(); var check = admin.prepareStatement("select state from pg_stat_activity where pid = ?")) {
                check.setInt(1, upstreamPid);
                try (ResultSet rs = check.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("idle");
                }
            }
        }
    }

    @Test
    void aClientThatVanishesMidStatementLeavesNoQueryRunningOnTheTarget() throws Exception {
        java.sql.Connection db = open("");
        int upstreamPid;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            upstreamPid = rs.getInt(1);
        }
        CompletableFuture.runAsync(() -> {
            try (Statement sleeper = db.createStatement()) {
                sleeper.execute("select pg_sleep(30)");
            } catch (SQLException expected) {
                // The connection is aborted under it.
            }
        });
        awaitActive(upstreamPid);
        db.abort(Runnable::run); // drops the socket without a Terminate, as a crashed client would

        // PostgreSQL would sleep on for 30 s: it notices a closed socket only when it writes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean stillSleeping = true;
        try (var admin = target.superuser(); var check = admin.prepareStatement(
                "select 1 from pg_stat_activity where pid = ? and state = 'active' and query like 'select pg_sleep%'")) {
            check.setInt(1, upstreamPid);
            while (stillSleeping && System.nanoTime() < deadline) {
                try (ResultSet rs = check.executeQuery()) {
                    stillSleeping = rs.next();
                }
                Thread.sleep(100);
            }
        }
        assertThat(stillSleeping).as("the abandoned pg_sleep is cancelled on the target").isFalse();
    }

    private static void awaitActive(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (var admin = target.superuser(); var check = admin.prepareStatement(
                "select 1 from pg_stat_activity where pid = ? and state = 'active' and query like 'select pg_sleep%'")) {
            check.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("pg_sleep never started on the target");
    }
}
