package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ContentScanner#scanValue}: findings in values as they travel, and UTF-8 around findings. */
class TypedContentScanTest {

    private static final MaskingRule SSN = ContentScannerTest.rule("ssn", Detector.Kind.US_SSN, new MaskMethod.Redact("[SSN]"));
    private static final MaskingRule EMAIL = ContentScannerTest.rule("email", Detector.Kind.EMAIL,
            new MaskMethod.Partial(1, 0, '•'));
    private final ContentScanner scanner = new ContentScanner(List.of(SSN, EMAIL), new ValueMasker(Map.of()));

    @Test
    void jsonbBinaryKeepsItsVersionByteAndAWholeNumberDocumentStaysJson() throws Exception {
        ContentScanner.Rewrite rewrite = scanner.scanValue(PgTypes.JSONB, true, utf8("\u0001{\"ssn\": 123456789}"));
        assertThat(text(rewrite.utf8())).isEqualTo("\u0001{\"ssn\": \"[SSN]\"}");
        assertThat(text(scanner.scanValue(PgTypes.JSON, false, utf8("123456789")).utf8())).isEqualTo("\"[SSN]\"");
        assertThat(text(scanner.scanValue(PgTypes.TEXT, false, utf8("123456789")).utf8())).isEqualTo("[SSN]");
        assertThatThrownBy(() -> scanner.scanValue(PgTypes.JSONB, true, utf8("{\"ssn\": 123456789}")))
                .isInstanceOf(UnmaskableValueException.class).hasMessageNotContaining("123456789");
    }

    @Test
    void binaryTextArraysAreScannedElementByElementWithLengthsRecomputed() throws Exception {
        byte[] array = textArray("no finding", "SSN 123-45-6789 and 234-56-7890", null);
        ContentScanner.Rewrite rewrite = scanner.scanValue(1009, true, array);
        assertThat(rewrite.fired()).containsExactly(new ContentScanner.Fired(SSN, 2));
        ByteBuffer out = ByteBuffer.wrap(rewrite.utf8());
        assertThat(out.getInt()).isEqualTo(1);
        assertThat(out.getInt()).as("has nulls").isEqualTo(1);
        assertThat(out.getInt()).isEqualTo(PgTypes.TEXT);
        assertThat(out.getInt()).isEqualTo(3);
        assertThat(out.getInt()).isEqualTo(1);
        assertThat(element(out)).isEqualTo("no finding");
        assertThat(element(out)).isEqualTo("SSN [SSN] and [SSN]");
        assertThat(out.getInt()).isEqualTo(-1);
        assertThat(out.hasRemaining()).isFalse();
        assertThat(scanner.scanValue(1009, true, textArray("nothing here"))).isNull();
    }

    @Test
    void textArraysAndNonTextTypes() throws Exception {
        assertThat(text(scanner.scanValue(1015, false, utf8("{123456789,\"a 123-45-6789\"}")).utf8()))
                .isEqualTo("{\"[SSN]\",\"a [SSN]\"}");
        assertThat(scanner.scanValue(PgTypes.INT8, false, utf8("123456789"))).as("not text: column rules mask it").isNull();
        assertThat(scanner.scanValue(1007, false, utf8("{123456789}"))).isNull();
    }

    @Test
    void multiByteTextAroundAndInsideFindingsSurvives() throws Exception {
        String text = "😀123-45-6789😀 ünï ádä@exämple.org née@exámple.org ñ@example.org";
        ContentScanner.Rewrite rewrite = scanner.scanValue(PgTypes.TEXT, false, utf8(text));
        assertThat(text(rewrite.utf8())).isEqualTo("😀[SSN]😀 ünï á••@•••••••.••• n••@•••••••.••• ñ@•••••••.•••");
        assertThat(rewrite.fired()).containsExactly(new ContentScanner.Fired(SSN, 1), new ContentScanner.Fired(EMAIL, 3));
    }

    private static byte[] textArray(String... elements) {
        ByteBuffer out = ByteBuffer.allocate(256);
        boolean hasNull = java.util.Arrays.asList(elements).contains(null);
        out.putInt(1).putInt(hasNull ? 1 : 0).putInt(PgTypes.TEXT).putInt(elements.length).putInt(1);
        for (String element : elements) {
            if (element == null) {
                out.putInt(-1);
            } else {
                byte[] bytes = utf8(element);
                out.putInt(bytes.length).put(bytes);
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static String element(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return text(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
