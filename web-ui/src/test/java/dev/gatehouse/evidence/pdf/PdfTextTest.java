package dev.gatehouse.evidence.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class PdfTextTest {

    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font HELVETICA_BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    @Test
    void everyUnicodeCharacterSanitisesToTextTheStandardFontsEncode() {
        // The whole code space, surrogates excluded (they only appear paired), in chunks.
        for (int start = 0; start <= Character.MAX_CODE_POINT; start += 4096) {
            int end = Math.min(start + 4096, Character.MAX_CODE_POINT + 1);
            String chunk = IntStream.range(start, end)
                    .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            String printable = PdfText.sanitise(chunk);
            assertThatCode(() -> HELVETICA.encode(printable)).as("U+%04X..", start).doesNotThrowAnyException();
            assertThatCode(() -> HELVETICA_BOLD.encode(printable)).as("U+%04X..", start).doesNotThrowAnyException();
        }
    }

    @Test
    void namesKeepWhatWinAnsiHasAndMarkTheRest() {
        assertThat(PdfText.sanitise("Zo\u00eb \u674e")).isEqualTo("Zo\u00eb ?");
        assertThat(PdfText.sanitise("Erd\u0151s \u0141ukasz")).isEqualTo("Erdos Lukasz");
        assertThat(PdfText.sanitise("ok \uD83D\uDC4D\uFE0F")).isEqualTo("ok ?");
        assertThat(PdfText.sanitise("a\tb\nc\u00a0d \u2014 \u20ac5")).isEqualTo("a b c d \u2014 \u20ac5");
        assertThat(PdfText.sanitise(null)).isEmpty();
    }
}
