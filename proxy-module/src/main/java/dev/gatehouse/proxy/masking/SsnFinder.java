package dev.gatehouse.proxy.masking;

/**
 * US social security numbers: {@code NNN-NN-NNNN} (or with spaces), and nine bare digits standing
 * alone. Numbers the SSA never issues (area 000, 666, 9xx; group 00; serial 0000) are not findings.
 */
final class SsnFinder implements Finder {

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        int i = from;
        while (i < to) {
            if (!Ascii.digit(text[i]) || !Ascii.startBoundary(text, from, i)) {
                i++;
                continue;
            }
            int runEnd = Ascii.digitsEnd(text, i, to);
            int length = runEnd - i;
            if (length == 9 && Ascii.endBoundary(text, runEnd, to)
                    && issuable(number(text, i, 3), number(text, i + 3, 2), number(text, i + 5, 4))) {
                sink.add(i, runEnd);
            } else if (length == 3) {
                int end = formattedEnd(text, i, to);
                if (end > 0) {
                    sink.add(i, end);
                    runEnd = end;
                }
            }
            i = runEnd;
        }
    }

    /** The end of {@code NNN-NN-NNNN} (one separator kind throughout) starting at {@code i}, or -1. */
    private static int formattedEnd(byte[] text, int i, int to) {
        int end = i + 11;
        if (end > to) {
            return -1;
        }
        byte separator = text[i + 3];
        if ((separator != '-' && separator != ' ') || text[i + 6] != separator
                || Ascii.digitsEnd(text, i + 4, i + 6) != i + 6 || Ascii.digitsEnd(text, i + 7, end) != end
                || !Ascii.endBoundary(text, end, to)) {
            return -1;
        }
        return issuable(number(text, i, 3), number(text, i + 4, 2), number(text, i + 7, 4)) ? end : -1;
    }

    private static boolean issuable(int area, int group, int serial) {
        return Checksums.ssnIssuable(area, group, serial);
    }

    static int number(byte[] text, int at, int digits) {
        int value = 0;
        for (int k = 0; k < digits; k++) {
            value = value * 10 + Ascii.value(text[at + k]);
        }
        return value;
    }
}
