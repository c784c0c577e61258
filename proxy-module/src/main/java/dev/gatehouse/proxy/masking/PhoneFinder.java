package dev.gatehouse.proxy.masking;

/**
 * Phone numbers in two shapes:
 * <ul>
 * <li>E.164: '+', then 8 to 15 digits (the first not 0), bare or grouped by single spaces or dashes;</li>
 * <li>NANP: {@code (NXX) NXX-XXXX}, {@code NXX-NXX-XXXX}, {@code NXX.NXX.XXXX} or {@code NXX NXX XXXX}
 * (N is 2-9), optionally after {@code +1} or {@code 1} and a separator.</li>
 * </ul>
 * Ten bare digits are not a phone number here: too many other identifiers look like that.
 */
final class PhoneFinder implements Finder {

    private static final DigitGroups E164 = new DigitGroups(8, 15, " -");

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            byte b = text[i];
            boolean candidate = (b == '+' || b == '(' || Ascii.digit(b)) && Ascii.startBoundary(text, from, i)
                    && (i == from || text[i - 1] != '+');
            if (!candidate) {
                i++;
                continue;
            }
            int end = nanpEnd(text, i, to);
            if (end > 0) {
                sink.add(i, end);
                i = end;
            } else if (b == '+' && i + 1 < to && text[i + 1] >= '1' && text[i + 1] <= '9') {
                i = E164.scan(text, i + 1, to, true, i, (t, s, e) -> true, sink);
            } else {
                i++;
            }
        }
    }

    /** The end of a NANP number (with its optional +1/1 prefix) starting at {@code i}, or -1. */
    private static int nanpEnd(byte[] text, int i, int to) {
        int p = i;
        if (p + 1 < to && text[p] == '+' && text[p + 1] == '1') {
            p = skipPrefixSeparator(text, p + 2, to);
        } else if (p + 1 < to && text[p] == '1' && (separator(text[p + 1]) || text[p + 1] == '(')) {
            p = skipPrefixSeparator(text, p + 1, to);
        }
        if (p < 0 || p >= to) {
            return -1;
        }
        int exchange;
        byte separator;
        if (text[p] == '(') {
            if (p + 5 > to || !nxx(text, p + 1, to) || text[p + 4] != ')') {
                return -1;
            }
            exchange = p + 5 < to && text[p + 5] == ' ' ? p + 6 : p + 5;
            separator = '-';
        } else {
            if (!nxx(text, p, to) || p + 3 >= to || !separator(text[p + 3])) {
                return -1;
            }
            separator = text[p + 3];
            exchange = p + 4;
        }
        int line = exchange + 4;
        if (!nxx(text, exchange, to) || line + 4 > to || text[exchange + 3] != separator
                || Ascii.digitsEnd(text, line, line + 4) != line + 4 || !Ascii.endBoundary(text, line + 4, to)) {
            return -1;
        }
        return line + 4;
    }

    private static int skipPrefixSeparator(byte[] text, int p, int to) {
        if (p < to && separator(text[p])) {
            return p + 1;
        }
        return p < to && text[p] == '(' ? p : -1;
    }

    /** Three digits, the first 2-9 (area codes and exchanges never start with 0 or 1). */
    private static boolean nxx(byte[] text, int p, int to) {
        return p + 3 <= to && text[p] >= '2' && text[p] <= '9' && Ascii.digit(text[p + 1]) && Ascii.digit(text[p + 2]);
    }

    private static boolean separator(byte b) {
        return b == '-' || b == '.' || b == ' ';
    }
}
