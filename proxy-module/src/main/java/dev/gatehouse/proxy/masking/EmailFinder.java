package dev.gatehouse.proxy.masking;

/**
 * Email addresses: a local part of letters, digits and {@code . _ % + - ! # $ * ^ ~}, an '@', and a
 * domain of at least two labels whose last is two or more letters. Quotes, braces and commas end an
 * address, so addresses inside JSON strings or array literals are found without their delimiters.
 * ASCII only: an internationalised local part is not found (document for custom detectors).
 */
final class EmailFinder implements Finder {

    @Override
    public boolean mayMatch(boolean hasDigit, boolean hasAt) {
        return hasAt;
    }

    @Override
    public void find(byte[] text, int from, int to, Sink sink) {
        int searchFrom = from;
        for (int at = from; at < to; at++) {
            if (text[at] != '@') {
                continue;
            }
            int start = at;
            while (start > searchFrom && localChar(text[start - 1])) {
                start--;
            }
            while (start < at && text[start] == '.') {
                start++;
            }
            int end = domainEnd(text, at + 1, to);
            if (start < at && end > 0) {
                sink.add(start, end);
                searchFrom = end;
                at = end - 1;
            }
        }
    }

    /** The end of a valid domain starting at {@code from}, or -1. */
    private static int domainEnd(byte[] text, int from, int to) {
        int end = from;
        while (end < to && (Ascii.alnum(text[end]) || text[end] == '.' || text[end] == '-')) {
            end++;
        }
        while (end > from && (text[end - 1] == '.' || text[end - 1] == '-')) {
            end--;
        }
        int labelStart = from;
        int labels = 0;
        for (int i = from; i <= end; i++) {
            if (i == end || text[i] == '.') {
                if (i == labelStart || text[labelStart] == '-') {
                    return -1;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        if (labels < 2) {
            return -1;
        }
        int tldStart = lastDot(text, from, end) + 1;
        if (end - tldStart < 2) {
            return -1;
        }
        for (int i = tldStart; i < end; i++) {
            if (!Ascii.letter(text[i])) {
                return -1;
            }
        }
        return end;
    }

    private static int lastDot(byte[] text, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            if (text[i] == '.') {
                return i;
            }
        }
        return from - 1;
    }

    private static boolean localChar(byte b) {
        return Ascii.alnum(b) || switch (b) {
            case '.', '_', '%', '+', '-', '!', '#', '$', '*', '^', '~' -> true;
            default -> false;
        };
    }
}
