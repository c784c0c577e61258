package dev.gatehouse.proxy.masking;

/**
 * IBANs: a two-letter country code, two check digits and 11 to 30 letters or digits (15 to 34 in
 * all), written solid or in space-separated groups, passing the mod-97 check. The longest run of
 * groups that checks wins, so a following word ("... 7654 32 EUR") does not hide it.
 */
final class IbanFinder implements Finder {

    private static final int MIN = 15;
    private static final int MAX = 34;

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        for (int i = from; i + MIN <= to; i++) {
            if (Ascii.upper(text[i]) && Ascii.upper(text[i + 1]) && Ascii.digit(text[i + 2]) && Ascii.digit(text[i + 3])
                    && Ascii.wordStart(text, from, i)) {
                int end = longestValid(text, i, to);
                if (end > 0) {
                    sink.add(i, end);
                    i = end;
                }
            }
        }
    }

    /** The end of the longest run of groups from {@code start} that is a valid IBAN, or -1. */
    private static int longestValid(byte[] text, int start, int to) {
        int[] groupEnds = new int[MAX];
        int groups = 0;
        int chars = 0;
        int p = start;
        while (chars <= MAX) {
            int end = p;
            while (end < to && Ascii.alnum(text[end])) {
                end++;
            }
            chars += end - p;
            groupEnds[groups++] = end;
            if (chars < MAX && end + 1 < to && text[end] == ' ' && Ascii.alnum(text[end + 1])) {
                p = end + 1;
            } else {
                break;
            }
        }
        for (int g = groups - 1; g >= 0; g--) {
            int end = groupEnds[g];
            int length = end - start - g;
            if (length >= MIN && length <= MAX && Ascii.wordEnd(text, end, to) && Checksums.iban(text, start, end)) {
                return end;
            }
        }
        return -1;
    }
}
