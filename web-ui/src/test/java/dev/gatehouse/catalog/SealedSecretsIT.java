package dev.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, attack 4: alice points a connection that holds a secret at a fake server which declines
 * TLS (tlsMode prefer) and asks for a cleartext password. The retarget drops the stored secret, and
 * even a secret entered again is never sent over the plain hop; the fake server records every byte
 * it receives, and none of them is the secret.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SealedSecretsIT {

    private static final int SSL_REQUEST = 80877103;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aRetargetedConnectionLosesItsSecretAndAFakeServerAskingForCleartextGetsNothing() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String secret = "Sealed-" + UUID.randomUUID();
        String name = "sealed-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres",
                 "secret":"%s","tlsMode":"prefer"}""".formatted(name, secret));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getBoolean("secretSet")).isTrue();

        try (FakeCleartextServer fake = FakeCleartextServer.start()) {
            Reply moved = alice.send("PUT", "api/v1/connections/" + id, """
                    {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"postgres","username":"postgres","tlsMode":"prefer"}
                    """.formatted(name, fake.port()));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().getBoolean("secretSet")).as("the secret stays with the server it was entered for").isFalse();
            assertThat(TestDatabase.auditDetails(id).getLast()).contains("secretCleared").contains("\"before\"");

            Reply tested = alice.send("POST", "api/v1/connections/" + id + "/test", null);
            assertThat(tested.json().getBoolean("success")).isFalse();
            assertThat(fake.received()).doesNotContain(secret);

            int before = refusals("plain_password");
            Reply again = alice.send("PUT", "api/v1/connections/" + id, """
                    {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"postgres","username":"postgres",
                     "secret":"%s","tlsMode":"prefer"}""".formatted(name, fake.port(), secret));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            Reply lured = alice.send("POST", "api/v1/connections/" + id + "/test", null);
            assertThat(lured.json().getBoolean("success")).isFalse();
            assertThat(lured.json().getString("message")).contains("cleartext password").contains("only over TLS");
            assertThat(fake.connections()).as("the fake server was really asked").isGreaterThanOrEqualTo(2);
            assertThat(fake.received()).doesNotContain(secret);
            assertThat(refusals("plain_password")).isGreaterThan(before);
        }
    }

    private static int refusals(String reason) throws Exception {
        return Integer.parseInt(TestDatabase.singleValue("select count(*) from audit_event where action = 'connection.refused'"
                + " and outcome = 'denied' and details->>'reason' = '" + reason + "'"));
    }

    /** Declines TLS, asks every client for a cleartext password, and keeps whatever comes back. */
    static final class FakeCleartextServer implements AutoCloseable {

        private final ServerSocket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile int connections;

        private FakeCleartextServer(ServerSocket socket) {
            this.socket = socket;
        }

        static FakeCleartextServer start() throws IOException {
            FakeCleartextServer server = new FakeCleartextServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread.startVirtualThread(server::serve);
            return server;
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections;
        }

        synchronized String received() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections++;
                    client.setSoTimeout(3000);
                    talk(client);
                } catch (IOException closedOrDone) {
                    // next client, or the server was closed
                }
            }
        }

        private void talk(Socket client) throws IOException {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            byte[] first = message(in);
            if (first.length >= 4 && java.nio.ByteBuffer.wrap(first).getInt() == SSL_REQUEST) {
                out.write('N');
                out.flush();
                message(in);
            }
            out.write('R');
            out.writeInt(8);
            out.writeInt(3);
            out.flush();
            keepEverything(client.getInputStream());
        }

        private byte[] message(DataInputStream in) throws IOException {
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            record(body);
            return body;
        }

        private void keepEverything(InputStream in) throws IOException {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (this) {
                        received.write(buffer, 0, n);
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // the gateway sent nothing more
            }
        }

        private synchronized void record(byte[] bytes) {
            received.write(bytes, 0, bytes.length);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
