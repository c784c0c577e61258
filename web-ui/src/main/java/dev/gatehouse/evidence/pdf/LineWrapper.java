package dev.gatehouse.evidence.pdf;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Breaks sanitised text into lines that fit a width: at spaces, and inside a word only when it alone is too long. */
final class LineWrapper {

    private LineWrapper() {
    }

    static List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            wrapParagraph(PdfText.sanitise(paragraph).strip(), font, size, width, lines);
        }
        return lines;
    }

    private static void wrapParagraph(String text, PDFont font, float size, float width, List<String> lines) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (PdfText.width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (PdfText.width(font, size, rest) > width) {
                int fits = longestPrefixThatFits(rest, font, size, width);
                lines.add(rest.substring(0, fits));
                rest = rest.substring(fits);
            }
            line.append(rest);
        }
        lines.add(line.toString());
    }

    /** At least one character, so a column narrower than a glyph still makes progress. */
    private static int longestPrefixThatFits(String word, PDFont font, float size, float width) {
        int low = 1;
        int high = word.length();
        while (low < high) {
            int middle = (low + high + 1) / 2;
            if (PdfText.width(font, size, word.substring(0, middle)) <= width) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
