package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random text mixing digits, separators, '@', ASCII and multi-byte characters, with known values
 * planted between delimiters: the rewrite is always valid UTF-8, a planted value never survives,
 * and redacted output holds nothing left to find.
 */
class ScannerFuzzTest {

    private static final String[] PIECES = {"0", "1", "4", "9", "-", " ", ".", "@", "+", "(", ")", ",", "a", "Z", "é", "€",
        "😀", "\"", ":", "{", "}", "\n"};
    private static final String[] PLANTED = {"123-45-6789", "4111 1111 1111 1111", "5555555555554444", "GB82WEST12345698765432",
        "jane.doe@example.org", "+44 20 7946 0958", "(415) 555-0123", "011000015", "DE89 3704 0044 0532 0130 00"};

    @Test
    void randomTextStaysValidUtf8AndPlantedValuesNeverSurvive() throws Exception {
        List<MaskingRule> rules = new ArrayList<>();
        for (Detector.Kind kind : Detector.Kind.values()) {
            rules.add(ContentScannerTest.rule(kind.ruleName(), kind, new MaskMethod.Redact("[X]")));
        }
        ContentScanner scanner = new ContentScanner(rules, new ValueMasker(Map.of()));
        Random random = new Random(20261126);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            List<String> planted = new ArrayList<>();
            for (int piece = random.nextInt(40); piece > 0; piece--) {
                if (random.nextInt(8) == 0) {
                    String value = PLANTED[random.nextInt(PLANTED.length)];
                    planted.add(value);
                    text.append(" ").append(value).append(" ");
                } else {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            ContentScanner.Rewrite rewrite = scanner.scan(utf8, 0, utf8.length);
            String out = rewrite == null ? text.toString() : strictUtf8(rewrite.utf8());
            for (String value : planted) {
                assertThat(out).as("from %s", text).doesNotContain(value);
            }
            if (rewrite != null) {
                assertThat(scanner.scan(rewrite.utf8(), 0, rewrite.utf8().length)).as("rescan of %s", out).isNull();
            }
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
