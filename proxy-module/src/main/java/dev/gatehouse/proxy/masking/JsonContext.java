package dev.gatehouse.proxy.masking;

/**
 * Whether a finding stands where JSON (or a PostgreSQL array literal) holds a bare number, e.g.
 * {@code {"ssn": 123456789}} from {@code row_to_json} over an integer column. Replacing it with
 * unquoted text would break the document, so the scanner quotes the replacement there.
 */
final class JsonContext {

    private JsonContext() {
    }

    static boolean numberPosition(byte[] text, int from, int to, int start, int end, boolean jsonDocument) {
        for (int i = start; i < end; i++) {
            if (!Ascii.digit(text[i])) {
                return false;
            }
        }
        int before = start - 1;
        while (before >= from && whitespace(text[before])) {
            before--;
        }
        int after = end;
        while (after < to && whitespace(text[after])) {
            after++;
        }
        boolean openedAsValue = before < from ? jsonDocument : opensValue(text[before]);
        boolean closedAsValue = after >= to ? jsonDocument : closesValue(text[after]);
        return openedAsValue && closedAsValue;
    }

    private static boolean opensValue(byte b) {
        return b == ':' || b == ',' || b == '[' || b == '{';
    }

    private static boolean closesValue(byte b) {
        return b == ',' || b == ']' || b == '}';
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
