package dev.gatehouse.proxy.protocol.postgres.upstream;

import static dev.gatehouse.proxy.testing.TargetPostgres.SCRAM_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.upstream.LinkClient.Reply;
import dev.gatehouse.proxy.testing.LeakCheck;
import dev.gatehouse.proxy.testing.TargetPostgres;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancelling a running query on a real server, in plain text and over TLS. */
class PostgresCancelSenderTest {

    private static TargetPostgres target;
    private static EventLoopGroup loops;

    private final PostgresUpstreamConnector connector = new PostgresUpstreamConnector();
    private final PostgresCancelSender canceller = new PostgresCancelSender();

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

    @ParameterizedTest
    @ValueSource(strings = {"DISABLE", "REQUIRE"})
    void cancelStopsARunningQuery(TlsMode mode) throws Exception {
        Connection connection = target.connection(SCRAM_USER, mode);
        UpstreamLink link = connector.connect(loops.next(), connection, null, Map.of(),
                target.password(SCRAM_USER).toCharArray()).get(20, TimeUnit.SECONDS);
        try (LinkClient client = LinkClient.takeOver(link)) {
            client.send("select pg_sleep(30)");
            awaitRunning(link.processId());

            long started = System.nanoTime();
            canceller.cancel(loops.next(), connection, link.processId(), link.secretKey()).get(5, TimeUnit.SECONDS);

            Reply reply;
            do {
                reply = client.next(Duration.ofSeconds(2));
            } while (reply.type() != 'E');
            assertThat(reply.text()).as("query_canceled").isEqualTo("57014");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(client.next(Duration.ofSeconds(2))).isEqualTo(new Reply('Z', "I"));
        }
    }

    @Test
    void cancelToNothingListeningIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Connection closed = new Connection("closed", ConnectionType.POSTGRES,
                "127.0.0.1", port, "db", "someone", TlsMode.DISABLE, null, null, false);
        assertThatThrownBy(() -> canceller.cancel(loops.next(), closed, 1, 2).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    /** A cancel that lands before the query starts is a no-op, so wait until the server runs it. */
    private static void awaitRunning(int processId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (java.sql.Connection admin = target.superuser();
                PreparedStatement st = admin.prepareStatement(
                        "select state = 'active' and query like '%pg_sleep%' from pg_stat_activity where pid = ?")) {
            st.setInt(1, processId);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the query never showed up as running");
    }
}
