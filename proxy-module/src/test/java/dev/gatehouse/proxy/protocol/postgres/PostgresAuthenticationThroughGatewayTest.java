package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.LoginRefused;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.Psql;
import dev.gatehouse.proxy.testing.Psql.Result;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a login can fail gets 28000 or 28P01 and a recorded refusal; the target's password
 * never reaches the client, a log line or a recording.
 */
class PostgresAuthenticationThroughGatewayTest {

    @TempDir
    static Path tlsDir;

    static TargetPostgres target;
    static TestGateway gateway;
    static Connection connection;
    static final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    static final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage() + " " + (record.getThrown() == null ? "" : String.valueOf(record.getThrown())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("").addHandler(logCapture);
        Logger.getLogger("dev.gatehouse").setLevel(java.util.logging.Level.ALL);
        target = TargetPostgres.startWithTls();
        gateway = TestGateway.start(tlsDir);
        connection = gateway.addConnection(target.connection(TargetPostgres.SCRAM_USER, TlsMode.REQUIRE),
                target.password(TargetPostgres.SCRAM_USER), false);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(logCapture);
        if (gateway != null) {
            gateway.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aWrongTokenIsRefusedWith28P01AndRecorded() throws Exception {
        Result run = psql(connection.name(), "not-a-token");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("password authentication failed for connection \"" + connection.name() + "\"")
                .doesNotContain("not-a-token");
        assertThat(jdbcLoginSqlState(connection.name(), TargetPostgres.DATABASE, "not-a-token")).isEqualTo("28P01");
        LoginRefused refused = gateway.awaitRecorded(LoginRefused.class, r -> "invalid_signature".equals(r.reason()));
        assertThat(refused.sqlState()).isEqualTo("28P01");
        assertThat(refused.identity()).isNull();
        assertThat(refused.connection()).isEqualTo(connection.name());
    }

    @Test
    void anExpiredTokenIsRefusedWith28P01AndRecorded() throws Exception {
        String expired = gateway.refusedToken("expired", "the token has expired");
        Result run = psql(connection.name(), expired);
        assertThat(run.stderr()).contains("password authentication failed").contains("the token has expired");
        assertThat(jdbcLoginSqlState(connection.name(), TargetPostgres.DATABASE, expired)).isEqualTo("28P01");
        gateway.awaitRecorded(LoginRefused.class, r -> "expired".equals(r.reason()) && r.sqlState().equals("28P01"));
    }

    @Test
    void anUnknownConnectionIsRefusedWith28000AndRecordedWithTheIdentity() throws Exception {
        String bob = gateway.userToken("bob", TestGateway.ROLE);
        Result run = psql("no-such-connection", bob);
        assertThat(run.stderr()).contains("no connection named \"no-such-connection\"");
        assertThat(jdbcLoginSqlState("no-such-connection", TargetPostgres.DATABASE, bob)).isEqualTo("28000");
        LoginRefused refused = gateway.awaitRecorded(LoginRefused.class, r -> "unknown_connection".equals(r.reason()));
        assertThat(refused.identity().username()).isEqualTo("bob");
    }

    @Test
    void anIdentityWithoutTheRoleIsRefusedWith28000AndRecorded() throws Exception {
        String mallory = gateway.userToken("mallory", "gatehouse-auditor");
        Result run = psql(connection.name(), mallory);
        assertThat(run.stderr()).contains("identity \"mallory\" may not use connection \"" + connection.name() + "\"");
        assertThat(jdbcLoginSqlState(connection.name(), TargetPostgres.DATABASE, mallory)).isEqualTo("28000");
        gateway.awaitRecorded(LoginRefused.class, r -> "not_allowed".equals(r.reason()) && r.identity().username().equals("mallory"));
    }

    @Test
    void anotherDatabaseThanTheConnectionsIsRefused() throws Exception {
        String carol = gateway.userToken("carol", TestGateway.ROLE);
        Result run = Psql.psql(gateway.port(), connection.name(), "postgres", "require", carol, null, "-c", "select 1");
        assertThat(run.stderr()).contains("is for database \"" + TargetPostgres.DATABASE + "\"");
        assertThat(jdbcLoginSqlState(connection.name(), "postgres", carol)).isEqualTo("28000");
    }

    @Test
    void aWrongStoredSecretIsTheGatewaysProblemAndNeverShowsTheSecret() throws Exception {
        String wrongSecret = "stored-but-wrong-" + System.nanoTime();
        Connection broken = gateway.addConnection(new Connection("broken-secret", connection.type(), connection.host(), connection.port(),
                connection.database(), connection.username(), TlsMode.REQUIRE, connection.labels(), connection.allowedRoles(), false),
                wrongSecret, false);
        String dave = gateway.userToken("dave", TestGateway.ROLE);
        Result run = psql(broken.name(), dave);
        assertThat(run.stderr()).contains("could not authenticate to the target of connection \"broken-secret\"")
                .doesNotContain(wrongSecret);
        assertThat(jdbcLoginSqlState(broken.name(), TargetPostgres.DATABASE, dave)).isEqualTo("08001");
        gateway.awaitRecorded(LoginRefused.class, r -> "target_refused_gateway".equals(r.reason()));
        assertThat(logLines).noneMatch(line -> line.contains(wrongSecret));
        assertThat(gateway.recorded()).noneMatch(event -> event.toString().contains(wrongSecret));
    }

    @Test
    void theTargetPasswordNeverReachesTheClientALogOrARecording() throws Exception {
        String secret = target.password(TargetPostgres.SCRAM_USER);
        String token = gateway.userToken("erin", TestGateway.ROLE);
        try (ServerSocket tap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            Thread relay = Thread.ofVirtual().start(() -> tapOneConnection(tap, toClient));
            // sslmode=disable so the tap sees plaintext; the client is on loopback, so cleartext is accepted.
            Result run = Psql.psql(tap.getLocalPort(), connection.name(), TargetPostgres.DATABASE, "disable", token, null,
                    "-c", "select current_user, version()", "-c", "select * from no_such_table", "-c", "show password_encryption");
            relay.join(10_000);
            assertThat(run.stdout()).contains(TargetPostgres.SCRAM_USER);
            String seen = toClient.toString(StandardCharsets.ISO_8859_1);
            assertThat(seen).contains(TargetPostgres.SCRAM_USER).doesNotContain(secret);
            assertThat(toClient.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
        }
        assertThat(logLines).noneMatch(line -> line.contains(secret) || line.contains(token));
        assertThat(gateway.recorded()).noneMatch(event -> event.toString().contains(secret) || event.toString().contains(token));
    }

    /** A plain TCP relay to the gateway that keeps a copy of every byte the client receives. */
    private static void tapOneConnection(ServerSocket tap, ByteArrayOutputStream toClient) {
        try (Socket client = tap.accept(); Socket server = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            Thread up = Thread.ofVirtual().start(() -> copy(quietly(client::getInputStream), quietly(server::getOutputStream), null));
            copy(server.getInputStream(), client.getOutputStream(), toClient);
            up.join(5_000);
        } catch (Exception ignored) {
            // The session ended; what was captured is what counts.
        }
    }

    private static void copy(InputStream in, OutputStream out, ByteArrayOutputStream copy) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (copy != null) {
                    synchronized (copy) {
                        copy.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (Exception ignored) {
            // Either side closed.
        }
    }

    private interface IoSupplier<T> {
        T get() throws Exception;
    }

    private static <T> T quietly(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** psql prints no SQLSTATE for a failed connection; the JDBC driver reports it. */
    private static String jdbcLoginSqlState(String connectionName, String database, String password) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", connectionName);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "require");
        try (var ignored = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + database, properties)) {
            throw new AssertionError("the login was accepted");
        } catch (java.sql.SQLException e) {
            assertThat(e.getMessage()).doesNotContain(password);
            return e.getSQLState();
        }
    }

    private static Result psql(String connectionName, String password) throws Exception {
        return Psql.psql(gateway.port(), connectionName, TargetPostgres.DATABASE, "require", password, null, "-c", "select 1");
    }
}
