package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.testing.ScratchDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysByUtf16CodeUnitAtEveryLevel() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", 2);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", inner);
        outer.put("B", true);
        outer.put("\uFF21", "fullwidth A");
        outer.put("\uD83D\uDE00", "emoji, a surrogate pair starting at U+D83D");
        outer.put("a", List.of(inner));

        assertThat(CanonicalJson.write(outer)).isEqualTo("{\"B\":true,\"a\":[{\"a\":2,\"z\":1}],\"b\":{\"a\":2,\"z\":1},"
                + "\"\uD83D\uDE00\":\"emoji, a surrogate pair starting at U+D83D\",\"\uFF21\":\"fullwidth A\"}");
    }

    @Test
    void keysThatAreNotStringsAreWrittenAsStringsAndSortedAsStrings() {
        Map<Object, Object> numbered = new HashMap<>();
        numbered.put(10, "ten");
        numbered.put(9, "nine");

        assertThat(CanonicalJson.write(numbered)).isEqualTo("{\"10\":\"ten\",\"9\":\"nine\"}");
        assertThat(CanonicalJson.write(new TreeMap<>(numbered))).isEqualTo("{\"10\":\"ten\",\"9\":\"nine\"}");
    }

    @Test
    void escapesOnlyQuoteBackslashAndControlCharacters() {
        assertThat(CanonicalJson.write("say \"hi\" \\ now")).isEqualTo("\"say \\\"hi\\\" \\\\ now\"");
        assertThat(CanonicalJson.write("\u0000\u0001\n\t\r\u001f")).isEqualTo("\"\\u0000\\u0001\\u000a\\u0009\\u000d\\u001f\"");
        assertThat(CanonicalJson.write("/ \u007f \u2028 \u00e9 \u4e2d \uD83D\uDE00")).isEqualTo("\"/ \u007f \u2028 \u00e9 \u4e2d \uD83D\uDE00\"");
    }

    @Test
    void writesNumbersAsPlainDecimals() {
        List<Object> numbers = List.of(0, -7, Long.MAX_VALUE, new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigDecimal("-0.000"),
                new BigDecimal("1.0E-10"), 0.1d, 1e20d, 2.5f, new BigInteger("123456789012345678901234567890"),
                new BigDecimal("123456789012345678901234567890.000100"), (short) 3, (byte) -4);

        assertThat(CanonicalJson.write(numbers)).isEqualTo("[0,-7,9223372036854775807,1.5,1000,0,0.0000000001,0.1,100000000000000000000,2.5,"
                + "123456789012345678901234567890,123456789012345678901234567890.0001,3,-4]");
    }

    @Test
    void writesLiteralsNestedCollectionsAndArrays() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("none", null);
        value.put("yes", true);
        value.put("no", false);
        value.put("empty", List.of());
        value.put("nothing", Map.of());
        value.put("array", new Object[] {"x", List.of(1, List.of())});

        assertThat(CanonicalJson.write(value))
                .isEqualTo("{\"array\":[\"x\",[1,[]]],\"empty\":[],\"no\":false,\"none\":null,\"nothing\":{},\"yes\":true}");
    }

    @Test
    void parsesAnyJsonBackToTheSameCanonicalText() {
        String loose = " { \"b\" : [ 1.50 , 2e2, -0.0 ] ,\n \"a\" : { \"y\" : \"\\u00e9\\n\\/\" , \"x\" : null } , \"c\" : true } ";

        Object parsed = CanonicalJson.parse(loose);

        assertThat(CanonicalJson.write(parsed)).isEqualTo("{\"a\":{\"x\":null,\"y\":\"\u00e9\\u000a/\"},\"b\":[1.5,200,0],\"c\":true}");
        assertThat(CanonicalJson.write(CanonicalJson.parse(CanonicalJson.write(parsed)))).isEqualTo(CanonicalJson.write(parsed));
    }

    @Test
    void refusesMalformedJsonWithItsOffset() {
        assertParseError("{\"a\":1} x", "trailing characters");
        assertParseError("{\"a\":1", "unexpected end");
        assertParseError("{\"a\":1,\"a\":2}", "duplicate key a");
        assertParseError("\"tab\there\"", "control character in string");
        assertParseError("\"\\q\"", "bad escape");
        assertParseError("\"\\u12zz\"", "bad unicode escape");
        assertParseError("\"\\u12", "short unicode escape");
        assertParseError("[1,]", "unexpected character");
        assertParseError("[1 2]", "expected , or ]");
        assertParseError("{1:2}", "expected a key");
        assertParseError("tru", "unexpected literal");
        assertParseError("1.2.3", "bad number");
        assertParseError("", "unexpected end");
    }

    @Test
    void limitsNestingSoAHostileDocumentCannotExhaustTheStack() {
        assertThat(CanonicalJson.parse("[".repeat(256) + "]".repeat(256))).isInstanceOf(List.class);
        assertParseError("[".repeat(257) + "]".repeat(257), "nested deeper than 256");
        assertParseError("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000), "nested deeper than 256");
    }

    /**
     * The store keeps details as jsonb, which reorders keys, drops the original spacing and escapes
     * differently; the verifier re-canonicalizes what {@code details::text} gives back, and that must
     * be the exact text that was hashed.
     */
    @Test
    void survivesARoundTripThroughPostgresJsonb() throws SQLException {
        List<Object> tricky = new ArrayList<>();
        tricky.add(Map.of("unicode", "\u00e9\u00df\u4e2d\u6587 \uD83D\uDE00 \u2028 \uFFFD", "\uFF21", 1, "\uD83D\uDE00", 2, "aa", 3, "b", 4));
        tricky.add(Map.of("quotes", "\"quoted\" and 'single'", "backslashes", "C:\\path\\to \\\\share \\u0041"));
        StringBuilder controls = new StringBuilder();
        for (char c = 1; c < 0x20; c++) {
            controls.append(c);
        }
        tricky.add(Map.of("controls", controls.toString(), "delete", "\u007f"));
        tricky.add(Map.of("big", new BigDecimal("123456789012345678901234567890123456789"), "decimal", new BigDecimal("0.000000000000000000001"),
                "negative", new BigDecimal("-98765.4321"), "trailing", new BigDecimal("2.500"), "long", Long.MIN_VALUE));
        tricky.add(Map.of("emptyArray", List.of(), "emptyObject", Map.of(), "nested", Map.of("deeper", List.of(Map.of(), List.of(List.of())))));
        tricky.add(Map.of("", "empty key", "null", Map.of("x", List.of(true, false)), "literal", List.of()));

        try (Connection connection = ScratchDatabase.connect("postgres"); Statement ddl = connection.createStatement()) {
            ddl.execute("create temp table canonical_round_trip (n int, details jsonb)");
            try (PreparedStatement insert = connection.prepareStatement("insert into canonical_round_trip values (?, ?::jsonb)")) {
                for (int i = 0; i < tricky.size(); i++) {
                    insert.setInt(1, i);
                    insert.setString(2, CanonicalJson.write(tricky.get(i)));
                    insert.executeUpdate();
                }
            }
            try (ResultSet rows = ddl.executeQuery("select n, details::text from canonical_round_trip order by n")) {
                while (rows.next()) {
                    String written = CanonicalJson.write(tricky.get(rows.getInt(1)));
                    String fromJsonb = rows.getString(2);
                    assertThat(CanonicalJson.write(CanonicalJson.parse(fromJsonb))).as("jsonb gave back %s", fromJsonb).isEqualTo(written);
                }
            }
        }
    }

    /** Why the recorder replaces NUL before anything reaches the chain: jsonb cannot store it at all. */
    @Test
    void postgresJsonbRefusesTheNulCharacter() throws SQLException {
        try (Connection connection = ScratchDatabase.connect("postgres");
                PreparedStatement select = connection.prepareStatement("select ?::jsonb")) {
            select.setString(1, CanonicalJson.write(Map.of("nul", "a\u0000b")));
            assertThatThrownBy(select::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("\\u0000");
        }
    }

    private static void assertParseError(String json, String message) {
        assertThatThrownBy(() -> CanonicalJson.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ").hasMessageContaining(message);
    }
}
