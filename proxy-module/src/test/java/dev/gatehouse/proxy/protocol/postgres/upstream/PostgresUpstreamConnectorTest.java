package dev.gatehouse.proxy.protocol.postgres.upstream;

import static dev.gatehouse.proxy.testing.TargetPostgres.MD5_USER;
import static dev.gatehouse.proxy.testing.TargetPostgres.PLAIN_USER;
import static dev.gatehouse.proxy.testing.TargetPostgres.SCRAM_USER;
import static dev.gatehouse.proxy.testing.TargetPostgres.TRUST_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.upstream.LinkClient.Reply;
import dev.gatehouse.proxy.testing.LeakCheck;
import dev.gatehouse.proxy.testing.TargetPostgres;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handshake against a real PostgreSQL that checks passwords, over plain TCP. */
class PostgresUpstreamConnectorTest {

    private static TargetPostgres target;
    private static EventLoopGroup loops;
    /** The target is on loopback without TLS: md5 and cleartext need the explicit loopback allowance. */
    private final PostgresUpstreamConnector connector = new PostgresUpstreamConnector(
            UpstreamSettings.defaults().withPlainPasswordsToLoopback(true));

    @BeforeAll
    static void startTarget() {
        target = TargetPostgres.startWithTls();
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopTarget() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        target.close();
        LeakCheck.assertNoLeaks();
    }

    private static EventLoop loop() {
        return loops.next();
    }

    private UpstreamLink connect(String role, Map<String, String> clientParameters) throws Exception {
        char[] secret = role.equals(TRUST_USER) ? new char[0] : target.password(role).toCharArray();
        return connector.connect(loop(), target.connection(role, TlsMode.DISABLE), null, clientParameters, secret)
                .get(20, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .actual().getCause();
    }

    @Test
    void scramSessionIsHandedOverIdleAndUsable() throws Exception {
        Map<String, String> clientParameters = new LinkedHashMap<>();
        clientParameters.put("application_name", "gatehouse-upstream-test");
        clientParameters.put("client_encoding", "UTF8");
        UpstreamLink link = connect(SCRAM_USER, clientParameters);

        assertThat(link.tls()).isFalse();
        assertThat(link.processId()).isPositive();
        assertThat(link.parameterStatus()).containsKey("server_version")
                .containsEntry("application_name", "gatehouse-upstream-test")
                .containsEntry("client_encoding", "UTF8");
        assertThat(link.channel().config().isAutoRead()).isFalse();
        assertThat(link.channel().pipeline().toMap().keySet()).containsExactly(PostgresUpstreamConnector.DECODER);
        assertThat(link.pendingMessages()).isEmpty();
        assertThat(link.toString()).doesNotContain(Integer.toString(link.secretKey()));

        try (LinkClient client = LinkClient.takeOver(link)) {
            client.send("select 1");
            assertThat(client.untilReady()).extracting(Reply::type, Reply::text).containsExactly(
                    tuple('T', ""),
                    tuple('D', "1"),
                    tuple('C', "SELECT 1"),
                    tuple('Z', "I"));
        }
    }

    @Test
    void clientParametersReachTheServerSession() throws Exception {
        UpstreamLink link = connect(SCRAM_USER, Map.of("application_name", "gatehouse-app-name-check"));
        try (LinkClient client = LinkClient.takeOver(link);
                java.sql.Connection admin = target.superuser();
                PreparedStatement st = admin.prepareStatement(
                        "select application_name, usename, datname from pg_stat_activity where pid = ?")) {
            st.setInt(1, link.processId());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("the upstream session in pg_stat_activity").isTrue();
                assertThat(rs.getString(1)).isEqualTo("gatehouse-app-name-check");
                assertThat(rs.getString(2)).isEqualTo(SCRAM_USER);
                assertThat(rs.getString(3)).isEqualTo(TargetPostgres.DATABASE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MD5_USER, PLAIN_USER, TRUST_USER})
    void otherMethodsAuthenticate(String role) throws Exception {
        UpstreamLink link = connect(role, Map.of());
        try (LinkClient client = LinkClient.takeOver(link)) {
            client.send("select current_user");
            assertThat(client.untilReady()).contains(new Reply('D', role));
        }
    }

    /** Issue 17: by default a real server asking for md5 or cleartext over a plain hop gets nothing. */
    @ParameterizedTest
    @ValueSource(strings = {MD5_USER, PLAIN_USER})
    void md5AndCleartextNeedTlsByDefault(String role) {
        CompletableFuture<UpstreamLink> future = new PostgresUpstreamConnector().connect(loop(),
                target.connection(role, TlsMode.DISABLE), null, Map.of(), target.password(role).toCharArray());
        Throwable failure = failureOf(future);
        assertThat(failure).isInstanceOfSatisfying(UpstreamForbiddenException.class,
                forbidden -> assertThat(forbidden.reason()).isEqualTo(UpstreamForbiddenException.PLAIN_PASSWORD));
        assertThat(failure.getMessage()).contains("only over TLS").doesNotContain(target.password(role));
    }

    @ParameterizedTest
    @ValueSource(strings = {SCRAM_USER, MD5_USER, PLAIN_USER})
    void wrongPasswordIsRefusedWithoutRepeatingIt(String role) {
        String wrong = "Wrong-" + role + "-Secret";
        CompletableFuture<UpstreamLink> future = connector.connect(loop(), target.connection(role, TlsMode.DISABLE),
                null, Map.of(), wrong.toCharArray());
        Throwable failure = failureOf(future);
        assertThat(failure).isInstanceOf(UpstreamRefusedException.class);
        UpstreamRefusedException refused = (UpstreamRefusedException) failure;
        assertThat(refused.sqlState()).isEqualTo("28P01");
        assertThat(refused.serverMessage()).contains("password authentication failed");
        assertThat(refused.getMessage()).doesNotContain(wrong);
        assertThat(refused.toString()).doesNotContain(wrong);
    }

    @Test
    void unknownDatabaseIsRefused() {
        CompletableFuture<UpstreamLink> future = connector.connect(loop(), target.connection(SCRAM_USER, TlsMode.DISABLE),
                "no_such_db", Map.of(), target.password(SCRAM_USER).toCharArray());
        Throwable failure = failureOf(future);
        assertThat(failure).isInstanceOf(UpstreamRefusedException.class);
        assertThat(((UpstreamRefusedException) failure).sqlState()).isEqualTo("3D000");
        assertThat(failure.getMessage()).contains("no_such_db").doesNotContain(target.password(SCRAM_USER));
    }

    @Test
    void callerMayWipeItsArrayAsSoonAsConnectReturns() throws Exception {
        char[] secret = target.password(SCRAM_USER).toCharArray();
        CompletableFuture<UpstreamLink> future = connector.connect(loop(),
                target.connection(SCRAM_USER, TlsMode.DISABLE), null, Map.of(), secret);
        Arrays.fill(secret, 'x');
        UpstreamLink link = future.get(20, TimeUnit.SECONDS);
        link.close();
    }

    @Test
    void nothingListeningIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Connection closed = new Connection("closed", ConnectionType.POSTGRES,
                "127.0.0.1", port, "db", "someone", TlsMode.DISABLE, null, null, false);
        Throwable failure = failureOf(connector.connect(loop(), closed, null, Map.of(), "secret-xyz".toCharArray()));
        assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("secret-xyz");
        assertThat(((UpstreamException) failure).sqlState()).isEqualTo("08001");
    }

    @Test
    void unknownHostIsUnavailable() {
        Connection nowhere = new Connection("nowhere", ConnectionType.POSTGRES,
                "no-such-host.invalid", 5432, "db", "someone", TlsMode.DISABLE, null, null, false);
        Throwable failure = failureOf(connector.connect(loop(), nowhere, null, Map.of(), new char[0]));
        assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("no-such-host.invalid:5432");
    }

    @Test
    void silentServerRunsIntoTheHandshakeTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    // The socket closes at the end of the test.
                }
            });
            PostgresUpstreamConnector impatient = new PostgresUpstreamConnector(
                    UpstreamSettings.defaults().withHandshakeTimeout(Duration.ofMillis(500)));
            Connection mute = new Connection("mute", ConnectionType.POSTGRES,
                    "127.0.0.1", silent.getLocalPort(), "db", "someone", TlsMode.DISABLE, null, null, false);
            long started = System.nanoTime();
            Throwable failure = failureOf(impatient.connect(loop(), mute, null, Map.of(), "pw".toCharArray()));
            assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                    .hasMessageContaining("did not complete the PostgreSQL handshake within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            acceptor.join(5000);
            assertThat(accepted).hasSize(1);
            // The gateway closed its end: the server side reads end-of-stream.
            try (Socket server = accepted.get(0); InputStream in = server.getInputStream()) {
                server.setSoTimeout(5000);
                byte[] startup = in.readNBytes(8);
                assertThat(startup).hasSize(8);
                while (in.read() >= 0) {
                    // Drain until the gateway's close arrives.
                }
            }
        }
    }

    @Test
    void replicationIsRefusedBeforeDialling() {
        Throwable failure = failureOf(connector.connect(loop(), target.connection(SCRAM_USER, TlsMode.DISABLE), null,
                Map.of("replication", "database"), target.password(SCRAM_USER).toCharArray()));
        assertThat(failure).isInstanceOf(UpstreamHandshakeException.class);
        assertThat(((UpstreamException) failure).sqlState()).isEqualTo("0A000");
    }
}
