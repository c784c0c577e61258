package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each type masks to (the table in docs/masking.md), tokens' determinism, and failing closed. */
class ValueMaskerTest {

    private static final byte[] KEY_1 = "key-one-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_2 = "key-two-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final MaskMethod REDACT = new MaskMethod.Redact("[REDACTED]");
    private static final MaskMethod LAST_4 = new MaskMethod.Partial(0, 4, '*');
    private static final MaskMethod TOKEN = new MaskMethod.Tokenize("k1");
    private static final MaskMethod HASH = new MaskMethod.Hash();
    private static final MaskMethod NULLIFY = new MaskMethod.Nullify();

    private final ValueMasker masker = new ValueMasker(Map.of("k1", KEY_1, "k2", KEY_2));

    @ParameterizedTest(name = "{0} {1} under {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "25   | 123-45-6789          | redact | [REDACTED]",
        "25   | 123-45-6789          | last4  | ***-**-6789",
        "1043 | Zoë Ångström         | last4  | *** ****tröm",
        "25   | 6789                 | last4  | ****",
        "25   | 123-45-6789          | null   | NULL",
        "114  | {\"a\": 1}           | redact | \"[REDACTED]\"",
        "114  | {\"a\": 1}           | last4  | \"{\\\"*\\\": *}\"",
        "142  | <a>12345</a>         | last4  | &lt;*&gt;**345&lt;/a&gt;",
        "21   | -1234                | redact | 0",
        "23   | 123456789            | last4  | 6789",
        "20   | -9223372036854775808 | last4  | -5808",
        "1700 | 1234.50              | redact | 0.00",
        "1700 | 4111111111111111     | last4  | 1111",
        "1700 | -98765.4321          | last4  | -0.4321",
        "1700 | NaN                  | last4  | NaN",
        "700  | 3.25                 | redact | 0",
        "701  | 3.25                 | last4  | NULL",
        "16   | t                    | redact | NULL",
        "16   | f                    | token  | NULL",
        "1082 | 1985-03-14           | redact | 1970-01-01",
        "1082 | 1985-03-14           | last4  | 1985-01-01",
        "1082 | infinity             | last4  | infinity",
        "1083 | 13:45:10.5           | last4  | 13:00:00",
        "1114 | 2026-11-26 06:14:26.5 | last4 | 2026-01-01 00:00:00",
        "1184 | 2026-11-26 06:14:26+05:30 | redact | 1970-01-01 00:00:00+00",
        "1184 | 2026-11-26 06:14:26+05:30 | last4  | 2026-01-01 05:30:00+05:30",
        "1186 | 1 day 02:00:00       | redact | 00:00:00",
        "1186 | 1 day 02:00:00       | token  | NULL",
        "2950 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 | redact | 00000000-0000-0000-0000-000000000000",
        "2950 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 | last4  | 00000000-0000-0000-0000-000000000a11",
        "17   | \\x0102030405        | last4  | \\x0002030405",
        "17   | \\x0102030405        | redact | \\x5b52454441435445445d",
        "17   | hello\\\\w\\001rld  | last4  | \\x0000000000000001726c64",
        "1009 | {\"a b\",NULL,123-45-6789} | last4 | {\"* *\",NULL,\"***-**-6789\"}",
        "1007 | {{12345,2},{3,NULL}} | last4 | {{\"2345\",\"0\"},{\"0\",NULL}}",
    })
    void masksTextFormat(int oid, String value, String method, String expected) throws Exception {
        byte[] masked = masker.mask(method(method), oid, false, value.getBytes(StandardCharsets.UTF_8));
        assertThat(masked == null ? null : new String(masked, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void textTokensHaveAFixedShape() throws Exception {
        assertThat(text(masker.mask(TOKEN, PgTypes.TEXT, false, utf8("123-45-6789")))).matches("tok_[a-z2-7]{16}");
        assertThat(text(masker.mask(HASH, PgTypes.VARCHAR, false, utf8("123-45-6789"))))
                .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(utf8("123-45-6789"))));
        assertThat(text(masker.mask(TOKEN, PgTypes.INT4, false, utf8("123456789")))).matches("\\d{1,10}");
        assertThat(text(masker.mask(TOKEN, PgTypes.DATE, false, utf8("1985-03-14")))).matches("(19|20)\\d\\d-\\d\\d-\\d\\d");
        assertThat(text(masker.mask(TOKEN, PgTypes.NUMERIC, false, utf8("4111111111111111.00")))).matches("\\d{1,16}\\.\\d\\d");
    }

    @Test
    void tokensAreStableAcrossMaskersAndDifferAcrossKeys() throws Exception {
        ValueMasker again = new ValueMasker(Map.of("k1", KEY_1.clone()));
        ValueMasker otherKey = new ValueMasker(Map.of("k1", KEY_2));
        for (int oid : new int[] {PgTypes.TEXT, PgTypes.INT8, PgTypes.DATE, PgTypes.NUMERIC, PgTypes.UUID}) {
            byte[] value = utf8(switch (oid) {
                case PgTypes.TEXT -> "jane@example.org";
                case PgTypes.INT8 -> "4111111111111111";
                case PgTypes.DATE -> "1985-03-14";
                case PgTypes.NUMERIC -> "4111111111111111";
                default -> "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
            });
            byte[] token = masker.mask(TOKEN, oid, false, value);
            assertThat(again.mask(TOKEN, oid, false, value)).as("same key, other session").isEqualTo(token);
            assertThat(otherKey.mask(TOKEN, oid, false, value)).as("other key").isNotEqualTo(token);
            assertThat(masker.mask(new MaskMethod.Tokenize("k2"), oid, false, value)).as("other key id").isNotEqualTo(token);
            assertThat(token).isNotEqualTo(value);
        }
    }

    @Test
    void textAndBinaryTokensAgree() throws Exception {
        byte[] textToken = masker.mask(TOKEN, PgTypes.INT4, false, utf8("123456789"));
        byte[] binaryToken = masker.mask(TOKEN, PgTypes.INT4, true, ByteBuffer.allocate(4).putInt(123456789).array());
        assertThat(ByteBuffer.wrap(binaryToken).getInt()).isEqualTo(Integer.parseInt(text(textToken)));
    }

    @Test
    void numericBinaryRoundTripsThroughItsOwnDecoder() throws Exception {
        for (String number : new String[] {"0", "0.00", "1", "-1", "10000", "1234567.89", "-0.000123", "0.0001",
                "99999999999999999999.99999", "4111111111111111"}) {
            BigDecimal value = new BigDecimal(number);
            assertThat(NumericBinary.decode(NumericBinary.encode(value))).as(number).isEqualTo(value);
        }
        // 1234567.89 as PostgreSQL sends it: 3 digits, weight 1, positive, scale 2: 0123 4567 8900.
        assertThat(HexFormat.of().formatHex(NumericBinary.encode(new BigDecimal("1234567.89"))))
                .isEqualTo("0003000100000002007b11d722c4");
        byte[] masked = masker.mask(LAST_4, PgTypes.NUMERIC, true, NumericBinary.encode(new BigDecimal("4111111111111111")));
        assertThat(NumericBinary.decode(masked)).isEqualTo(new BigDecimal("1111"));
    }

    @Test
    void dateAndTimestampBinaryStayInTheirEncoding() throws Exception {
        // 1985-03-14 is 5406 days before 2000-01-01, and 1985-01-01 5478.
        byte[] date = ByteBuffer.allocate(4).putInt(-5406).array();
        assertThat(ByteBuffer.wrap(masker.mask(LAST_4, PgTypes.DATE, true, date)).getInt()).isEqualTo(-5478);
        assertThat(ByteBuffer.wrap(masker.mask(REDACT, PgTypes.DATE, true, date)).getInt()).isEqualTo(-10957);
        byte[] timestamp = ByteBuffer.allocate(8).putLong(-5407L * 86_400_000_000L + 3_600_000_000L).array();
        long masked = ByteBuffer.wrap(masker.mask(TOKEN, PgTypes.TIMESTAMP, true, timestamp)).getLong();
        assertThat(masked % 1_000_000).as("whole seconds").isZero();
        assertThat(masked).isBetween(-36524L * 86_400_000_000L, 36524L * 86_400_000_000L);
    }

    @Test
    void jsonbBinaryKeepsItsVersionByte() throws Exception {
        byte[] jsonb = ("\u0001{\"ssn\": \"123-45-6789\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(masker.mask(REDACT, PgTypes.JSONB, true, jsonb)).isEqualTo(("\u0001\"[REDACTED]\"").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> masker.mask(REDACT, PgTypes.JSONB, true, utf8("{}"))).isInstanceOf(UnmaskableValueException.class);
    }

    @Test
    void unknownTypesOnlyNullify() throws Exception {
        int point = 600;
        assertThat(masker.mask(NULLIFY, point, false, utf8("(1,2)"))).isNull();
        for (MaskMethod method : new MaskMethod[] {REDACT, LAST_4, TOKEN, HASH}) {
            assertThatThrownBy(() -> masker.mask(method, point, false, utf8("(1,2)")))
                    .isInstanceOf(UnmaskableValueException.class).hasMessageContaining("600").hasMessageNotContaining("(1,2)");
        }
        assertThat(ValueMasker.supports(point, REDACT)).isFalse();
        assertThat(ValueMasker.supports(point, NULLIFY)).isTrue();
        assertThat(ValueMasker.supports(PgTypes.DATE, TOKEN)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "23   | false | 12345678x",
        "21   | false | 99999",
        "23   | true  | 123456",
        "1082 | false | 03/14/1985",
        "1082 | false | 1985-02-30",
        "1184 | false | 2026-11-26 06:14:26",
        "1700 | false | 12e5",
        "1700 | true  | 00020000000000000001",
        "2950 | false | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        "17   | false | \\x0g",
        "1007 | false | {1,2",
        "1007 | true  | 0000000100000000",
        "3802 | true  | 02",
    })
    void undecodableValuesFailWithoutShowingThem(int oid, boolean binary, String value) {
        byte[] bytes = binary ? HexFormat.of().parseHex(value) : utf8(value);
        assertThatThrownBy(() -> masker.mask(LAST_4, oid, binary, bytes))
                .isInstanceOf(UnmaskableValueException.class)
                .hasMessageContaining("could not be decoded")
                .hasMessageNotContaining(value);
    }

    @Test
    void missingKeyFailsNamingTheKeyIdOnly() {
        assertThatThrownBy(() -> masker.mask(new MaskMethod.Tokenize("retired"), PgTypes.TEXT, false, utf8("123-45-6789")))
                .isInstanceOf(UnmaskableValueException.class)
                .hasMessageContaining("'retired'")
                .hasMessageNotContaining("123-45-6789");
        ValueMasker emptyKey = new ValueMasker(Map.of("k1", new byte[0]));
        assertThatThrownBy(() -> emptyKey.mask(TOKEN, PgTypes.INT4, false, utf8("1"))).isInstanceOf(UnmaskableValueException.class);
        assertThat(masker.toString()).doesNotContain(new String(KEY_1, StandardCharsets.UTF_8));
    }

    @Test
    void nullifyIsNullForEveryType() throws Exception {
        for (int oid : new int[] {16, 17, 20, 25, 1082, 1700, 3802, 1009, 600}) {
            assertThat(masker.mask(NULLIFY, oid, false, utf8("x"))).isNull();
        }
    }

    @Test
    void textualTypesAreTheOnesWithText() {
        for (int oid : new int[] {25, 1043, 1042, 19, 705, 114, 3802, 142}) {
            assertThat(ValueMasker.textual(oid)).as("oid %d", oid).isTrue();
        }
        for (int oid : new int[] {16, 17, 20, 23, 1082, 1700, 2950, 1009}) {
            assertThat(ValueMasker.textual(oid)).as("oid %d", oid).isFalse();
        }
        assertThat(ContentScanner.scans(1009)).isTrue();
        assertThat(ContentScanner.scans(1007)).isFalse();
    }

    private static MaskMethod method(String name) {
        return switch (name) {
            case "redact" -> REDACT;
            case "last4" -> LAST_4;
            case "token" -> TOKEN;
            case "hash" -> HASH;
            default -> NULLIFY;
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
