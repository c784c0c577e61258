package dev.gatehouse.evidence.collect;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV as auditors open it in a spreadsheet: CRLF line ends, a field quoted when it holds a
 * comma, a quote, CR or LF, and quotes doubled. A text cell that a spreadsheet would take for a
 * formula (starting with = + - @, tab or CR, the OWASP list) gets a leading apostrophe: a recorded
 * statement or an identity name must never run as a formula on the examiner's machine. Numbers are
 * typed values and are never prefixed, so a negative count stays a number.
 */
final class CsvFormat {

    private CsvFormat() {
    }

    static void writeRow(Writer out, List<String> header) throws IOException {
        writeRow(out, header.toArray());
    }

    static void writeRow(Writer out, Object[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(cells[i]));
        }
        out.write("\r\n");
    }

    static String field(Object value) {
        String text = CellValues.text(value);
        if (value instanceof String || value instanceof List<?>) {
            text = defused(text);
        }
        return needsQuotes(text) ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String defused(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
