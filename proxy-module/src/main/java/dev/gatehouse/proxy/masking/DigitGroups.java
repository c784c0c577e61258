package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * Runs of digits joined by single separators, as people write card and phone numbers
 * ({@code 4111 1111 1111 1111}, {@code +44 20 7946 0958}). A match is a window of whole groups
 * whose digit count is in range and that passes a check; the longest window from the earliest
 * group wins, so a trailing unrelated group ("... 1111 2024") does not hide the number before it.
 */
final class DigitGroups {

    interface Check {
        boolean test(byte[] text, int from, int to);
    }

    private final int minDigits;
    private final int maxDigits;
    private final String separators;

    DigitGroups(int minDigits, int maxDigits, String separators) {
        this.minDigits = minDigits;
        this.maxDigits = maxDigits;
        this.separators = separators;
    }

    /**
     * Scans the run of groups starting with the digit at {@code i}.
     *
     * @param firstGroupOnly whether a window must start at the run's first group (E.164's '+')
     * @param matchStart     where a window starting at the first group begins (before a prefix)
     * @return the end of the run, where scanning continues
     */
    int scan(byte[] text, int i, int to, boolean firstGroupOnly, int matchStart, Check check, Finder.Sink sink) {
        int[] starts = new int[8];
        int[] ends = new int[8];
        int[] digitsBefore = new int[9];
        int n = 0;
        int p = i;
        while (true) {
            int end = Ascii.digitsEnd(text, p, to);
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
                digitsBefore = Arrays.copyOf(digitsBefore, n * 2 + 1);
            }
            starts[n] = p;
            ends[n] = end;
            digitsBefore[n + 1] = digitsBefore[n] + (end - p);
            n++;
            if (end + 1 < to && separators.indexOf(text[end]) >= 0 && Ascii.digit(text[end + 1])) {
                p = end + 1;
            } else {
                break;
            }
        }
        int runEnd = ends[n - 1];
        boolean lastBounded = Ascii.endBoundary(text, runEnd, to);
        int lastStart = firstGroupOnly ? 0 : n - 1;
        for (int s = 0; s <= lastStart; s++) {
            for (int e = n - 1; e >= s; e--) {
                int digits = digitsBefore[e + 1] - digitsBefore[s];
                if (digits > maxDigits || (e == n - 1 && !lastBounded)) {
                    continue;
                }
                if (digits < minDigits) {
                    break;
                }
                int start = s == 0 ? matchStart : starts[s];
                if (check.test(text, starts[s], ends[e])) {
                    sink.add(start, ends[e]);
                    s = e;
                    break;
                }
            }
        }
        return runEnd;
    }
}
