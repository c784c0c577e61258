package dev.gatehouse.audit.siem.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogStreamTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    @Test
    void tcpFramesEachMessageByItsOctetCount() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.tcp(0);
                SyslogStreamTransport transport = tcp(receiver.port())) {
            transport.send(List.of("<110>1 first message", "<110>1 zweite Nachricht mit Umlauten: äöü"));
            transport.send(List.of("<110>1 third\nwith a line break inside"));

            assertThat(receiver.awaitMessages(3, WAIT)).containsExactly("<110>1 first message",
                    "<110>1 zweite Nachricht mit Umlauten: äöü", "<110>1 third\nwith a line break inside");
            assertThat(receiver.framingErrors()).isEmpty();
            assertThat(receiver.connectionsAccepted()).as("one persistent connection").isEqualTo(1);
        }
    }

    @Test
    void aCollectorThatHungUpIsReconnectedBeforeTheNextBatch() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.tcp(0);
                SyslogStreamTransport transport = tcp(receiver.port())) {
            transport.send(List.of("one"));
            receiver.awaitMessages(1, WAIT);
            receiver.dropConnections();
            Thread.sleep(100);

            transport.send(List.of("two"));

            assertThat(receiver.awaitMessages(2, WAIT)).containsExactly("one", "two");
            assertThat(receiver.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void aCollectorThatIsDownIsAFailureAndOneThatCameBackIsUsed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (SyslogStreamTransport transport = tcp(port)) {
            assertThatThrownBy(() -> transport.send(List.of("lost?"))).isInstanceOf(IOException.class);

            try (SyslogReceiver receiver = SyslogReceiver.tcp(port)) {
                transport.send(List.of("retried"));
                assertThat(receiver.awaitMessages(1, WAIT)).containsExactly("retried");
            }
        }
    }

    @Test
    void tlsVerifiesTheCollectorAgainstTheConfiguredCaAndFramesLikeTcp() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory, "dns:localhost");
        try (SyslogReceiver receiver = SyslogReceiver.tls(certificate.serverContext());
                SyslogStreamTransport transport = tls("localhost", receiver.port(), certificate.pem())) {
            transport.send(List.of("<110>1 over tls", "<110>1 again"));

            assertThat(receiver.awaitMessages(2, WAIT)).containsExactly("<110>1 over tls", "<110>1 again");
            assertThat(receiver.framingErrors()).isEmpty();
        }
    }

    @Test
    void tlsRefusesACertificateForAnotherHostName() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory, "dns:localhost");
        try (SyslogReceiver receiver = SyslogReceiver.tls(certificate.serverContext());
                SyslogStreamTransport transport = tls("127.0.0.1", receiver.port(), certificate.pem())) {
            assertThatThrownBy(() -> transport.send(List.of("must not arrive"))).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(receiver.messages()).isEmpty();
        }
    }

    @Test
    void tlsRefusesACollectorTheJvmTrustStoreDoesNotKnow() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory, "dns:localhost");
        try (SyslogReceiver receiver = SyslogReceiver.tls(certificate.serverContext());
                SyslogStreamTransport transport = tls("localhost", receiver.port(), null)) {
            assertThatThrownBy(() -> transport.send(List.of("must not arrive"))).isInstanceOf(SSLHandshakeException.class);
            assertThat(receiver.messages()).isEmpty();
        }
    }

    private SyslogStreamTransport tcp(int port) {
        return new SyslogStreamTransport("127.0.0.1", port, null, Duration.ofSeconds(5), watchdog);
    }

    private SyslogStreamTransport tls(String host, int port, String caPem) throws Exception {
        return new SyslogStreamTransport(host, port, TrustMaterial.context(caPem).getSocketFactory(), Duration.ofSeconds(5), watchdog);
    }
}
