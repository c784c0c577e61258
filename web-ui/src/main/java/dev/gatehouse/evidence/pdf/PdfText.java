package dev.gatehouse.evidence.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text as the Standard 14 fonts can print it. Those fonts only encode WinAnsi, and PDFBox throws on
 * any other character, so every string a user or an identity provider chose ("Zoë 李", emoji) goes
 * through {@link #sanitise} first: accents are kept where WinAnsi has them, stripped where it has the
 * base letter, and anything else becomes '?'.
 */
final class PdfText {

    /** The WinAnsi characters above Latin-1 (code points 0x80..0x9F of the encoding). */
    private static final String WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

    /** Letters and signs with no decomposition that still have an obvious WinAnsi spelling. */
    private static final Map<Integer, String> FALLBACKS = Map.ofEntries(
            Map.entry(0x0141, "L"), Map.entry(0x0142, "l"), Map.entry(0x0110, "D"), Map.entry(0x0111, "d"),
            Map.entry(0x0131, "i"), Map.entry(0x0126, "H"), Map.entry(0x0127, "h"), Map.entry(0x0152, "OE"),
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2212, "-"),
            Map.entry(0x2190, "<-"), Map.entry(0x2192, "->"), Map.entry(0x2264, "<="), Map.entry(0x2265, ">="),
            Map.entry(0x2260, "!="), Map.entry(0x00A0, " "), Map.entry(0x2032, "'"), Map.entry(0x2033, "\""));

    private PdfText() {
    }

    /** One printable line: WinAnsi only, line breaks and tabs as spaces, invisible characters dropped. */
    static String sanitise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> appendPrintable(out, cp));
        return out.toString();
    }

    static boolean encodable(int cp) {
        return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD) || WIN_ANSI_EXTRAS.indexOf(cp) >= 0;
    }

    private static void appendPrintable(StringBuilder out, int cp) {
        if (encodable(cp)) {
            out.appendCodePoint(cp);
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            out.append(' ');
        } else if (invisible(cp)) {
            return;
        } else if (FALLBACKS.containsKey(cp)) {
            out.append(FALLBACKS.get(cp));
        } else {
            out.append(decomposed(cp));
        }
    }

    /** Controls, joiners, variation selectors and lone combining marks print nothing, not a '?'. */
    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || cp == 0xAD;
    }

    /** "ő" decomposes to "o" plus a combining mark WinAnsi lacks; keep the "o". Anything else is '?'. */
    private static String decomposed(int cp) {
        String parts = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < parts.length(); i++) {
            char c = parts.charAt(i);
            if (encodable(c)) {
                kept.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                return "?";
            }
        }
        return kept.isEmpty() ? "?" : kept.toString();
    }

    /** Width in points of already sanitised text. */
    static float width(PDFont font, float size, String sanitised) {
        try {
            return font.getStringWidth(sanitised) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws one line of text with its baseline at (x, y). */
    static void show(PDPageContentStream content, PDFont font, float size, float x, float y, String text) throws IOException {
        String printable = sanitise(text);
        if (printable.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable);
        content.endText();
    }

    /** Draws one line ending at x. */
    static void showRightAligned(PDPageContentStream content, PDFont font, float size, float right, float y, String text)
            throws IOException {
        show(content, font, size, right - width(font, size, sanitise(text)), y, text);
    }

    /** Draws one line centred on x. */
    static void showCentred(PDPageContentStream content, PDFont font, float size, float centre, float y, String text)
            throws IOException {
        show(content, font, size, centre - width(font, size, sanitise(text)) / 2, y, text);
    }
}
