package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.SessionEnded;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.GatewayToTarget;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile input over real sockets: each gets a clean FATAL error and a closed
 * connection, while a healthy session opened before keeps working.
 */
class PostgresHostileClientsTest {

    @TempDir
    static Path tlsDir;

    static GatewayToTarget path;
    static TargetPostgres target;
    static TestGateway gateway;
    static Connection connection;
    static String token;
    static java.sql.Connection healthy;

    @BeforeAll
    static void start() throws Exception {
        path = GatewayToTarget.start(tlsDir, false, TlsMode.DISABLE, "alice");
        target = path.target();
        gateway = path.gateway();
        connection = path.connection();
        token = path.token();
        Properties properties = new Properties();
        properties.setProperty("user", connection.name());
        properties.setProperty("password", token);
        healthy = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE, properties);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            // The session opened before the barrage is still fine.
            try (ResultSet rs = healthy.createStatement().executeQuery("select 6 * 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            healthy.close();
        } finally {
            path.close();
        }
    }

    @Test
    void aTwoGigabyteStartupLengthIsRefused() throws Exception {
        try (Socket socket = socket()) {
            out(socket).writeInt(Integer.MAX_VALUE);
            out(socket).writeInt(196608);
            assertFatal(socket, "08P01", "invalid length of startup packet");
        }
    }

    @Test
    void garbageBeforeStartupIsRefused() throws Exception {
        try (Socket socket = socket()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertFatal(socket, "08P01", "invalid length of startup packet");
        }
    }

    @Test
    void aStartupWithoutAUserIsRefused() throws Exception {
        try (Socket socket = socket()) {
            sendStartup(socket, Map.of("database", "x"));
            assertFatal(socket, "28000", "no PostgreSQL user name specified in startup packet");
        }
    }

    @Test
    void anUnknownProtocolVersionIsRefused() throws Exception {
        try (Socket socket = socket()) {
            DataOutputStream out = out(socket);
            out.writeInt(8);
            out.writeInt(2 << 16);
            assertFatal(socket, "0A000", "unsupported frontend protocol");
        }
    }

    @Test
    void aGssEncryptionRequestIsDeclinedAndStartupContinues() throws Exception {
        try (Socket socket = socket()) {
            DataOutputStream out = out(socket);
            out.writeInt(8);
            out.writeInt(80877104);
            assertThat(socket.getInputStream().read()).isEqualTo('N');
            sendStartup(socket, Map.of("user", connection.name()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat((char) in.readByte()).isEqualTo('R');
            in.readInt();
            assertThat(in.readInt()).as("cleartext password request").isEqualTo(3);
        }
    }

    @Test
    void aQueryBeforeAuthenticationIsRefused() throws Exception {
        try (Socket socket = socket()) {
            sendStartup(socket, Map.of("user", connection.name()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readByte();
            in.readInt();
            in.readInt();
            DataOutputStream out = out(socket);
            byte[] sql = "select 1\0".getBytes(StandardCharsets.US_ASCII);
            out.writeByte('Q');
            out.writeInt(4 + sql.length);
            out.write(sql);
            assertFatal(socket, "08P01", "unexpected message before authentication");
        }
    }

    @Test
    void aTwoGigabyteMessageAfterLoginIsRefusedAndTheSessionEndsRecorded() throws Exception {
        try (Socket socket = loggedIn()) {
            DataOutputStream out = out(socket);
            out.writeByte('Q');
            out.writeInt(Integer.MAX_VALUE);
            assertFatal(socket, "08P01", "invalid message length");
        }
        gateway.awaitRecorded(SessionEnded.class, e -> e.reason().startsWith("protocol violation"));
    }

    @Test
    void aNegativeMessageLengthIsRefused() throws Exception {
        try (Socket socket = loggedIn()) {
            DataOutputStream out = out(socket);
            out.writeByte('P');
            out.writeInt(-5);
            assertFatal(socket, "08P01", "invalid message length");
        }
    }

    @Test
    void aMalformedBodyIsRefused() throws Exception {
        try (Socket socket = loggedIn()) {
            DataOutputStream out = out(socket);
            // A Bind whose parameter count promises more values than the frame holds.
            out.writeByte('B');
            out.writeInt(4 + 1 + 1 + 2 + 2);
            out.writeByte(0);
            out.writeByte(0);
            out.writeShort(0);
            out.writeShort(3);
            assertFatal(socket, "08P01", "");
        }
    }

    @Test
    void aTruncatedMessageFollowedByADisconnectEndsTheSessionCleanly() throws Exception {
        int before = gateway.recorded(SessionEnded.class).size();
        try (Socket socket = loggedIn()) {
            DataOutputStream out = out(socket);
            out.writeByte('Q');
            out.writeInt(1000);
            out.write("select".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gateway.recorded(SessionEnded.class).size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gateway.recorded(SessionEnded.class)).hasSizeGreaterThan(before);
    }

    @Test
    void aStartupThatNeverCompletesIsClosedAfterTheTimeout() throws Exception {
        try (Socket socket = socket()) {
            out(socket).writeInt(40); // promises a 40-byte startup packet, then says nothing more
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertFatal(socket, "08P01", "authentication timeout");
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1_000L, 9_000L);
        }
    }

    @Test
    void manyHalfOpenConnectionsAreTimedOutWhileRealClientsCarryOn() throws Exception {
        // 2,000 here because gateway and clients share this JVM's file descriptors; web-ui's
        // DataPathIT holds 10,000 against the deployed gateway, which runs in its own process.
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                Socket socket = socket();
                if (i % 2 == 0) {
                    out(socket).writeInt(99); // half a startup packet
                }
                idle.add(socket);
            }
            try (ResultSet rs = healthy.createStatement().executeQuery("select count(*) from pg_class")) {
                assertThat(rs.next()).isTrue();
            }
            Properties properties = new Properties();
            properties.setProperty("user", connection.name());
            properties.setProperty("password", token);
            try (var fresh = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port() + "/" + TargetPostgres.DATABASE,
                    properties); ResultSet rs = fresh.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            // The startup timeout (3 s in this gateway) ends every one of them with a FATAL error.
            for (Socket socket : List.of(idle.get(0), idle.get(1), idle.get(idle.size() - 1))) {
                assertFatal(socket, "08P01", "authentication timeout");
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (gateway.engine().openConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(gateway.engine().openConnections()).as("only the healthy session is left").isEqualTo(1);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWith53300() throws Exception {
        try (TestGateway small = TestGateway.start(tlsDir, false, 2)) {
            try (Socket first = connectCounted(small, 1); Socket second = connectCounted(small, 2);
                    Socket third = new Socket(InetAddress.getLoopbackAddress(), small.port())) {
                third.setSoTimeout(5_000);
                assertFatal(third, "53300", "too many connections to the gateway");
            }
        }
    }

    // ---- raw protocol helpers ----

    /** Connects and waits until the gateway counts it, so the order of acceptance is known. */
    private static Socket connectCounted(TestGateway target, int expectedOpen) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (target.engine().openConnections() < expectedOpen && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return socket;
    }

    private static Socket socket() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static DataOutputStream out(Socket socket) throws IOException {
        return new DataOutputStream(socket.getOutputStream());
    }

    private static void sendStartup(Socket socket, Map<String, String> parameters) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.writeInt(196608);
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            data.write((entry.getKey() + "\0" + entry.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        data.writeByte(0);
        DataOutputStream out = out(socket);
        out.writeInt(4 + body.size());
        out.write(body.toByteArray());
    }

    /** Logs in with the token and reads up to the first ReadyForQuery. */
    private static Socket loggedIn() throws IOException {
        Socket socket = socket();
        sendStartup(socket, Map.of("user", connection.name(), "database", TargetPostgres.DATABASE));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        readMessage(in); // AuthenticationCleartextPassword
        byte[] password = (token + "\0").getBytes(StandardCharsets.UTF_8);
        DataOutputStream out = out(socket);
        out.writeByte('p');
        out.writeInt(4 + password.length);
        out.write(password);
        while (true) {
            Message message = readMessage(in);
            if (message.type == 'E') {
                throw new AssertionError("login failed: " + fields(message.body));
            }
            if (message.type == 'Z') {
                return socket;
            }
        }
    }

    private record Message(char type, byte[] body) {
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    private static Map<Character, String> fields(byte[] body) {
        Map<Character, String> fields = new HashMap<>();
        int at = 0;
        while (at < body.length && body[at] != 0) {
            char code = (char) body[at++];
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            fields.put(code, new String(body, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return fields;
    }

    /** The next message is a FATAL ErrorResponse with that SQLSTATE, and then the gateway closes. */
    private static void assertFatal(Socket socket, String sqlState, String messageStart) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Message message = readMessage(in);
        assertThat(message.type).isEqualTo('E');
        Map<Character, String> fields = fields(message.body);
        assertThat(fields.get('S')).isEqualTo("FATAL");
        assertThat(fields.get('C')).isEqualTo(sqlState);
        assertThat(fields.get('M')).startsWith(messageStart);
        try {
            assertThat(in.read()).as("the gateway closes after a FATAL error").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open after a FATAL error");
        } catch (EOFException | java.net.SocketException closed) {
            // Closed with a reset: closed all the same.
        }
    }
}
