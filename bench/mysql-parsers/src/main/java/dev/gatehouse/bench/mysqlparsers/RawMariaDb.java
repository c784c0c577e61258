package dev.gatehouse.bench.mysqlparsers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest MySQL-protocol client the oracle needs: it sends a query string as exactly the bytes
 * given (no client-side splitting, comment stripping or re-encoding, unlike the CLI), with
 * CLIENT_MULTI_STATEMENTS, and reports one result per statement the server ran. Logs in as a user
 * without a password (mysql_native_password with an empty scramble answer).
 */
final class RawMariaDb implements AutoCloseable {

    /** One server answer: an OK, an error, or a result set (its rows as text). */
    record Result(boolean error, int code, String state, String message, List<List<String>> rows) {
        @Override
        public String toString() {
            return error ? "ERR " + code + " " + state + " " + message : "OK rows=" + (rows == null ? "-" : rows.size());
        }
    }

    private static final int LONG_PASSWORD = 1, FOUND_ROWS = 2, LONG_FLAG = 4, CONNECT_WITH_DB = 8, LOCAL_FILES = 0x80,
            PROTOCOL_41 = 0x200, TRANSACTIONS = 0x2000, SECURE_CONNECTION = 0x8000, MULTI_STATEMENTS = 0x10000,
            MULTI_RESULTS = 0x20000, PS_MULTI_RESULTS = 0x40000, PLUGIN_AUTH = 0x80000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int sequence;

    RawMariaDb(String host, int port, String user, String database) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] greeting = read();
        if (greeting[0] == (byte) 0xFF) {
            throw new IOException("server refused: " + new String(greeting, 9, greeting.length - 9, StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int caps = LONG_PASSWORD | FOUND_ROWS | LONG_FLAG | LOCAL_FILES | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
                | MULTI_STATEMENTS | MULTI_RESULTS | PS_MULTI_RESULTS | PLUGIN_AUTH | (database == null ? 0 : CONNECT_WITH_DB);
        int4(response, caps);
        int4(response, 16 * 1024 * 1024);
        response.write(45); // utf8mb4_general_ci
        response.write(new byte[23], 0, 23);
        response.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        response.write(0);
        response.write(0); // empty auth response
        if (database != null) {
            response.writeBytes(database.getBytes(StandardCharsets.UTF_8));
            response.write(0);
        }
        response.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        response.write(0);
        write(response.toByteArray());
        byte[] answer = read();
        while (answer[0] == (byte) 0xFE) { // auth switch: still no password
            write(new byte[0]);
            answer = read();
        }
        if (answer[0] != 0) {
            throw new IOException("login failed: " + parse(answer));
        }
    }

    /** Runs one COM_QUERY made of these exact bytes; one result per statement the server ran. */
    List<Result> query(byte[] sql) throws IOException {
        sequence = 0;
        byte[] packet = new byte[sql.length + 1];
        packet[0] = 3;
        System.arraycopy(sql, 0, packet, 1, sql.length);
        write(packet);
        List<Result> results = new ArrayList<>();
        while (true) {
            byte[] first = read();
            Result result;
            int status;
            if (first[0] == 0) {
                result = new Result(false, 0, null, null, null);
                status = okStatus(first);
            } else if (first[0] == (byte) 0xFF) {
                results.add(parse(first));
                return results;
            } else if (first[0] == (byte) 0xFB) { // LOCAL INFILE request: send no data
                write(new byte[0]);
                continue;
            } else {
                long[] pos = {0};
                long columns = lenenc(first, pos);
                for (long i = 0; i < columns; i++) {
                    read();
                }
                read(); // EOF after the column definitions
                List<List<String>> rows = new ArrayList<>();
                while (true) {
                    byte[] row = read();
                    if (row[0] == (byte) 0xFE && row.length < 9) {
                        status = (row[3] & 0xFF) | (row[4] & 0xFF) << 8;
                        break;
                    }
                    if (row[0] == (byte) 0xFF) {
                        results.add(parse(row));
                        return results;
                    }
                    rows.add(textRow(row, (int) columns));
                }
                result = new Result(false, 0, null, null, rows);
            }
            results.add(result);
            if ((status & 0x0008) == 0) { // SERVER_MORE_RESULTS_EXISTS
                return results;
            }
        }
    }

    List<Result> query(String sql) throws IOException {
        return query(sql.getBytes(StandardCharsets.UTF_8));
    }

    /** COM_STMT_PREPARE: null when the server prepared it (the statement is closed again), else its error. */
    Result prepare(byte[] sql) throws IOException {
        sequence = 0;
        byte[] packet = new byte[sql.length + 1];
        packet[0] = 0x16;
        System.arraycopy(sql, 0, packet, 1, sql.length);
        write(packet);
        byte[] first = read();
        if (first[0] == (byte) 0xFF) {
            return parse(first);
        }
        int id = (first[1] & 0xFF) | (first[2] & 0xFF) << 8 | (first[3] & 0xFF) << 16 | (first[4] & 0xFF) << 24;
        int columns = (first[5] & 0xFF) | (first[6] & 0xFF) << 8;
        int params = (first[7] & 0xFF) | (first[8] & 0xFF) << 8;
        if (params > 0) {
            for (int i = 0; i <= params; i++) {
                read();
            }
        }
        if (columns > 0) {
            for (int i = 0; i <= columns; i++) {
                read();
            }
        }
        sequence = 0;
        write(new byte[] {0x19, (byte) id, (byte) (id >> 8), (byte) (id >> 16), (byte) (id >> 24)}); // no answer
        return null;
    }

    private static List<String> textRow(byte[] row, int columns) {
        List<String> values = new ArrayList<>();
        long[] pos = {0};
        for (int i = 0; i < columns; i++) {
            if (row[(int) pos[0]] == (byte) 0xFB) {
                pos[0]++;
                values.add(null);
                continue;
            }
            int length = (int) lenenc(row, pos);
            values.add(new String(row, (int) pos[0], length, StandardCharsets.UTF_8));
            pos[0] += length;
        }
        return values;
    }

    private static int okStatus(byte[] ok) {
        long[] pos = {1};
        lenenc(ok, pos);
        lenenc(ok, pos);
        int p = (int) pos[0];
        return (ok[p] & 0xFF) | (ok[p + 1] & 0xFF) << 8;
    }

    private static long lenenc(byte[] b, long[] pos) {
        int p = (int) pos[0];
        int first = b[p] & 0xFF;
        if (first < 0xFB) {
            pos[0] = p + 1;
            return first;
        }
        int n = first == 0xFC ? 2 : first == 0xFD ? 3 : 8;
        long value = 0;
        for (int i = 0; i < n; i++) {
            value |= (long) (b[p + 1 + i] & 0xFF) << (8 * i);
        }
        pos[0] = p + 1 + n;
        return value;
    }

    private static Result parse(byte[] err) {
        int code = (err[1] & 0xFF) | (err[2] & 0xFF) << 8;
        String state = err.length > 9 && err[3] == '#' ? new String(err, 4, 5, StandardCharsets.US_ASCII) : "";
        int start = state.isEmpty() ? 3 : 9;
        return new Result(true, code, state, new String(err, start, err.length - start, StandardCharsets.UTF_8), null);
    }

    private byte[] read() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int length;
        do {
            length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            sequence = in.readUnsignedByte() + 1;
            byte[] part = new byte[length];
            in.readFully(part);
            payload.writeBytes(part);
        } while (length == 0xFFFFFF);
        return payload.toByteArray();
    }

    private void write(byte[] payload) throws IOException {
        int offset = 0;
        do {
            int length = Math.min(0xFFFFFF, payload.length - offset);
            out.write(new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) sequence++});
            out.write(payload, offset, length);
            offset += length;
            if (length < 0xFFFFFF) {
                break;
            }
        } while (true);
        out.flush();
    }

    private static void int4(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >> 24);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
