package dev.gatehouse.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL client written against the wire protocol, byte by byte, so a test decides exactly
 * what goes in one TCP write (pipelining that drivers would never produce) and sees every message
 * the gateway answers with. Cleartext password login, as the gateway asks for on loopback.
 */
public final class RawPostgresClient implements AutoCloseable {

    /** What the server answered: errors, command tags, settings reported, transaction status, and whether it hung up. */
    public record Answers(List<Map<Character, String>> errors, List<String> tags, Map<String, String> reported,
            List<List<String>> rows, char status, boolean closed) {

        public String firstSqlState() {
            return errors.isEmpty() ? null : errors.get(0).get('C');
        }

        public String firstMessage() {
            return errors.isEmpty() ? null : errors.get(0).get('M');
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final Answers login;

    private RawPostgresClient(Socket socket, Answers login) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.login = login;
    }

    /** Logs in with these startup parameters ({@code user} among them) and the token as password. */
    public static RawPostgresClient connect(int port, Map<String, String> parameters, String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, 196608);
        parameters.forEach((name, value) -> {
            cstring(body, name);
            cstring(body, value);
        });
        body.write(0);
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        writeInt(startup, body.size() + 4);
        startup.writeBytes(body.toByteArray());
        socket.getOutputStream().write(startup.toByteArray());
        RawPostgresClient client = new RawPostgresClient(socket, null);
        DataInputStream in = client.in;
        char type = (char) in.readUnsignedByte();
        byte[] first = new byte[in.readInt() - 4];
        in.readFully(first);
        if (type == 'E') {
            return new RawPostgresClient(socket, new Answers(List.of(fields(first)), List.of(), Map.of(), List.of(), '?', true));
        }
        socket.getOutputStream().write(message('p', cstringBytes(token))); // the cleartext password request
        Answers login = client.readUntilReady(1);
        return new RawPostgresClient(socket, login);
    }

    /** What the login ended with (ParameterStatus values, or the refusal). */
    public Answers login() {
        return login;
    }

    // ---- messages ----

    public static byte[] query(String sql) {
        return message('Q', cstringBytes(sql));
    }

    /** A Query whose text is these exact bytes (for encodings other than UTF-8). */
    public static byte[] queryBytes(byte[] sql) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(sql);
        body.write(0);
        return message('Q', body.toByteArray());
    }

    public static byte[] parse(String name, String sql) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, name);
        cstring(body, sql);
        body.write(0);
        body.write(0);
        return message('P', body.toByteArray());
    }

    /** Binds text parameters (null for SQL NULL). */
    public static byte[] bind(String portal, String statement, String... parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, portal);
        cstring(body, statement);
        writeShort(body, 0);
        writeShort(body, parameters.length);
        for (String parameter : parameters) {
            if (parameter == null) {
                writeInt(body, -1);
            } else {
                byte[] value = parameter.getBytes(StandardCharsets.UTF_8);
                writeInt(body, value.length);
                body.writeBytes(value);
            }
        }
        writeShort(body, 0);
        return message('B', body.toByteArray());
    }

    public static byte[] execute(String portal, int maxRows) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, portal);
        writeInt(body, maxRows);
        return message('E', body.toByteArray());
    }

    public static byte[] sync() {
        return message('S', new byte[0]);
    }

    /** A fast-path FunctionCall of the function with this OID, text arguments, text result. */
    public static byte[] functionCall(int oid, String... arguments) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, oid);
        writeShort(body, 0);
        writeShort(body, arguments.length);
        for (String argument : arguments) {
            byte[] value = argument.getBytes(StandardCharsets.UTF_8);
            writeInt(body, value.length);
            body.writeBytes(value);
        }
        writeShort(body, 0);
        return message('F', body.toByteArray());
    }

    public static byte[] message(char type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        writeInt(out, body.length + 4);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends every message in one TCP write. */
    public void send(byte[]... messages) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            all.writeBytes(message);
        }
        socket.getOutputStream().write(all.toByteArray());
        socket.getOutputStream().flush();
    }

    /** Reads until {@code readyCount} ReadyForQuery messages arrived, or the server hung up. */
    public Answers readUntilReady(int readyCount) throws IOException {
        List<Map<Character, String>> errors = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Map<String, String> reported = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        char status = '?';
        int ready = 0;
        try {
            while (ready < readyCount) {
                char type = (char) in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                switch (type) {
                    case 'E' -> errors.add(fields(body));
                    case 'C' -> tags.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                    case 'S' -> {
                        List<String> pair = cstrings(body);
                        reported.put(pair.get(0), pair.get(1));
                    }
                    case 'D' -> rows.add(row(body));
                    case 'Z' -> {
                        status = (char) body[0];
                        ready++;
                    }
                    default -> {
                    }
                }
            }
        } catch (EOFException | SocketTimeoutException | java.net.SocketException ended) {
            return new Answers(errors, tags, reported, rows, status, true);
        }
        return new Answers(errors, tags, reported, rows, status, false);
    }

    /** Sends one simple Query and reads its answer. */
    public Answers simple(String sql) throws IOException {
        send(query(sql));
        return readUntilReady(1);
    }

    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                socket.getOutputStream().write(message('X', new byte[0]));
            }
        } catch (IOException ignored) {
            // already gone
        } finally {
            socket.close();
        }
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

    private static List<String> row(byte[] body) {
        List<String> values = new ArrayList<>();
        int columns = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        int at = 2;
        for (int i = 0; i < columns; i++) {
            int length = ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8) | (body[at + 3] & 0xff);
            at += 4;
            values.add(length < 0 ? null : new String(body, at, length, StandardCharsets.UTF_8));
            at += Math.max(length, 0);
        }
        return values;
    }

    private static List<String> cstrings(byte[] body) {
        List<String> values = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                values.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return values;
    }

    private static byte[] cstringBytes(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cstring(out, value);
        return out.toByteArray();
    }

    private static void cstring(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
