package dev.gatehouse.proxy.protocol.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RecordedEvent.StatementExecuted;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.TargetPostgres;
import dev.gatehouse.proxy.testing.TestGateway;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading while the target streams a result far larger than memory should
 * hold: the gateway stops reading from the target instead of buffering the result.
 */
class PostgresBackPressureTest {

    private static final long RESULT_BYTES = 400L * 1024 * 1024;

    @TempDir
    static Path tlsDir;

    static TargetPostgres target;
    static TestGateway gateway;
    static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        target = TargetPostgres.startWithoutTls();
        gateway = TestGateway.start(tlsDir);
        connection = gateway.addConnection(target.connection(TargetPostgres.SCRAM_USER, TlsMode.DISABLE),
                target.password(TargetPostgres.SCRAM_USER), false);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        target.close();
    }

    @Test
    void aSlowReaderPausesTheTargetInsteadOfFillingTheGatewaysMemory() throws Exception {
        String token = gateway.userToken("slow-reader", TestGateway.ROLE);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            socket.setReceiveBufferSize(64 * 1024);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            login(out, in, token);
            // About 400 MB of rows: 100,000 rows of 4 KB.
            query(out, "select repeat('x', 4096) from generate_series(1, " + RESULT_BYTES / 4096 + ")");

            // Read nothing until the target itself is blocked sending (wait event ClientWrite): the gateway
            // stopped reading from it. Had the gateway kept reading instead, the target would never block
            // and hundreds of megabytes would wait here.
            target.awaitActivity("query like 'select repeat(%' and wait_event = 'ClientWrite'");
            assertThat(gateway.engine().bytesQueuedForClients()).as("bytes held for the client that does not read")
                    .isLessThan(4L * 1024 * 1024);

            long rows = 0;
            while (true) {
                char type = (char) in.readUnsignedByte();
                int length = in.readInt();
                in.skipNBytes(length - 4);
                if (type == 'D') {
                    rows++;
                } else if (type == 'Z') {
                    break;
                } else if (type == 'E') {
                    throw new AssertionError("the query failed");
                }
            }
            assertThat(rows).isEqualTo(RESULT_BYTES / 4096);
        }
        StatementExecuted recorded = gateway.awaitRecorded(StatementExecuted.class, s -> s.sql().startsWith("select repeat('x', 4096)"));
        assertThat(recorded.rows()).isEqualTo(RESULT_BYTES / 4096);
    }

    private static void login(DataOutputStream out, DataInputStream in, String token) throws IOException {
        byte[] parameters = ("user\0" + connection.name() + "\0database\0" + TargetPostgres.DATABASE + "\0\0")
                .getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + parameters.length);
        out.writeInt(196608);
        out.write(parameters);
        out.flush();
        skip(in); // AuthenticationCleartextPassword
        byte[] password = (token + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('p');
        out.writeInt(4 + password.length);
        out.write(password);
        out.flush();
        while (skip(in) != 'Z') {
            // AuthenticationOk, ParameterStatus, BackendKeyData
        }
    }

    private static void query(DataOutputStream out, String sql) throws IOException {
        byte[] text = (sql + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(4 + text.length);
        out.write(text);
        out.flush();
    }

    private static char skip(DataInputStream in) throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        in.skipNBytes(length - 4);
        return type;
    }
}
