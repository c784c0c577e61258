package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.testing.ScratchDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * PostgreSQL itself judges the masked values: each sample is encoded by the server (its output
 * function for text, its send function for binary), masked in both formats, and handed back. The
 * masked text must be accepted by the type's input function, the masked binary by its receive
 * function (through a binary COPY), and both must be the same value, so a client sees the same
 * masked value whichever format it asked for.
 */
class MaskedValuesPostgresTest {

    private static final List<MaskMethod> METHODS = List.of(new MaskMethod.Redact("[REDACTED]"),
            new MaskMethod.Partial(0, 4, '*'), new MaskMethod.Partial(2, 0, '#'), new MaskMethod.Tokenize("k1"),
            new MaskMethod.Hash(), new MaskMethod.Nullify());

    private static final List<List<String>> SAMPLES = List.of(
            List.of("bool", "true"),
            List.of("bytea", "\\x00017fff"),
            List.of("\"char\"", "x"),
            List.of("name", "alice_ünïcode"),
            List.of("int8", "-1234567890123"),
            List.of("int8", "9223372036854775807"),
            List.of("int2", "-1234"),
            List.of("int4", "123456789"),
            List.of("text", "Zoë 123-45-6789 ✓"),
            List.of("oid", "4012345678"),
            List.of("json", "{\"ssn\": \"123-45-6789\", \"n\": [1, 2]}"),
            List.of("xml", "<a x=\"1\">1 &amp; 2</a>"),
            List.of("float4", "3.25"),
            List.of("float8", "-1.5e300"),
            List.of("float8", "NaN"),
            List.of("bpchar", "ab  "),
            List.of("varchar", "jane@example.org"),
            List.of("date", "1985-03-14"),
            List.of("date", "infinity"),
            List.of("date", "0044-03-15 BC"),
            List.of("time", "13:45:10.5"),
            List.of("timestamp", "2026-11-26 06:14:26.123456"),
            List.of("timestamp", "-infinity"),
            List.of("timestamptz", "2026-12-31 23:14:26.123+00"),
            List.of("timestamptz", "1900-06-01 00:00:00+00"),
            List.of("interval", "1 year 2 mons 3 days 04:05:06"),
            List.of("numeric", "1234567.8900"),
            List.of("numeric", "-0.000123"),
            List.of("numeric", "4111111111111111"),
            List.of("numeric", "0"),
            List.of("numeric", "NaN"),
            List.of("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            List.of("jsonb", "{\"a\": [1, \"x\"], \"ssn\": 123456789}"),
            List.of("text[]", "{\"a b\",NULL,123-45-6789,\"q\\\"uote\"}"),
            List.of("varchar[]", "{x,y}"),
            List.of("int4[]", "{{1,2},{3,NULL}}"),
            List.of("int8[]", "{9007199254740993}"),
            List.of("date[]", "{2001-02-03}"),
            List.of("numeric[]", "{1.5,NaN}"),
            List.of("bool[]", "{t,f}"));

    private static ScratchDatabase database;
    private static Connection connection;
    private static final ValueMasker MASKER = new ValueMasker(Map.of("k1", "test-key-1".getBytes(StandardCharsets.UTF_8)));

    @BeforeAll
    static void connect() throws SQLException {
        database = ScratchDatabase.create("masking");
        connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            // A zone with a half-hour offset, so timestamptz text carries one.
            statement.execute("set timezone = 'Asia/Kolkata'");
            statement.execute("set datestyle = 'ISO, MDY'");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static Stream<Arguments> cases() {
        return SAMPLES.stream().flatMap(sample -> METHODS.stream().map(method -> Arguments.of(sample.get(0), sample.get(1), method)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void maskedTextAndBinaryAreTheSameValidValue(String type, String literal, MaskMethod method) throws Exception {
        int oid = queryInt("select ?::regtype::oid", type);
        String sendFunction = queryString("select typsend::text from pg_type where oid = ?", oid);
        // The output function, not a cast to text: that would trim bpchar's padding, for one.
        String outputFunction = queryString("select typoutput::text from pg_type where oid = ?", oid);
        String originalText = queryString("select " + outputFunction + "(?::" + type + ")::text", literal);
        byte[] originalBinary = queryBytes("select " + sendFunction + "(?::" + type + ")", literal);

        byte[] maskedText = MASKER.mask(method, oid, false, originalText.getBytes(StandardCharsets.UTF_8));
        byte[] maskedBinary = MASKER.mask(method, oid, true, originalBinary);

        assertThat(maskedBinary == null).as("NULL in binary exactly when NULL in text").isEqualTo(maskedText == null);
        if (maskedText == null) {
            return;
        }
        String acceptedText = queryString("select " + outputFunction + "(?::" + type + ")::text",
                new String(maskedText, StandardCharsets.UTF_8));
        assertThat(receivedFromBinary(type, outputFunction, maskedBinary)).as("the binary value, as PostgreSQL reads it")
                .isEqualTo(acceptedText);
        if (!List.of("NaN", "infinity", "-infinity", "0").contains(literal)) {
            assertThat(acceptedText).as("masked").isNotEqualTo(originalText);
        }
    }

    /** Loads the value through a binary COPY (the type's receive function) and reads it back as text. */
    private static String receivedFromBinary(String type, String outputFunction, byte[] value) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists received; create temp table received (v " + type + ")");
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(copy);
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(1);
        out.writeInt(value.length);
        out.write(value);
        out.writeShort(-1);
        connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy received from stdin (format binary)", new ByteArrayInputStream(copy.toByteArray()));
        return queryString("select " + outputFunction + "(v)::text from received");
    }

    private static String queryString(String sql, Object... parameters) throws SQLException {
        try (ResultSet result = query(sql, parameters)) {
            result.next();
            return result.getString(1);
        }
    }

    private static int queryInt(String sql, Object... parameters) throws SQLException {
        try (ResultSet result = query(sql, parameters)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static byte[] queryBytes(String sql, Object... parameters) throws SQLException {
        try (ResultSet result = query(sql, parameters)) {
            result.next();
            return result.getBytes(1);
        }
    }

    private static ResultSet query(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeQuery();
    }
}
