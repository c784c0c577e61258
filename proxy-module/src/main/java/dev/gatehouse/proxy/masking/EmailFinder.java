package dev.gatehouse.proxy.masking;

/**
 * Email addresses: a local part of letters, digits and {@code . _ % + - ! # $ * ^ ~}, an '@', and a
 * domain of at least two labels whose last is two or more letters. Quotes, braces and commas end an
 * address, so addresses inside JSON strings or array literals are found without their delimiters.
 * Non-ASCII letters and digits count on both sides (internationalised addresses), so an address is
 * never cut in the middle of a word and left half in clear; other non-ASCII characters end it.
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
            int start = localStart(text, searchFrom, at);
            int end = domainEnd(text, at + 1, to);
            if (start < at && end > 0) {
                sink.add(start, end);
                searchFrom = end;
                at = end - 1;
            }
        }
    }

    private static int localStart(byte[] text, int from, int at) {
        int start = at;
        while (start > from) {
            byte b = text[start - 1];
            if (b >= 0) {
                if (!localChar(b)) {
                    break;
                }
                start--;
            } else {
                int lead = start - 1;
                while (lead > from && (text[lead] & 0xc0) == 0x80) {
                    lead--;
                }
                if (!Character.isLetterOrDigit(TextMasks.codePoint(text, lead, at))) {
                    break;
                }
                start = lead;
            }
        }
        while (start < at && text[start] == '.') {
            start++;
        }
        return start;
    }

    /** The end of a valid domain starting at {@code from}, or -1. */
    private static int domainEnd(byte[] text, int from, int to) {
        int end = from;
        while (end < to) {
            byte b = text[end];
            if (b >= 0) {
                if (!Ascii.alnum(b) && b != '.' && b != '-') {
                    break;
                }
                end++;
            } else {
                if (!Character.isLetterOrDigit(TextMasks.codePoint(text, end, to))) {
                    break;
                }
                end += TextMasks.charLength(text, end, to);
            }
        }
        while (end > from && (text[end - 1] == '.' || text[end - 1] == '-')) {
            end--;
        }
        return validDomain(text, from, end) ? end : -1;
    }

    /** Two or more non-empty labels, none starting with '-', the last at least two letters. */
    private static boolean validDomain(byte[] text, int from, int end) {
        int labelStart = from;
        int labels = 0;
        for (int i = from; i <= end; i++) {
            if (i == end || text[i] == '.') {
                if (i == labelStart || text[labelStart] == '-') {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        int tldStart = end;
        while (tldStart > from && text[tldStart - 1] != '.') {
            tldStart--;
        }
        if (labels < 2 || end - tldStart < 2) {
            return false;
        }
        for (int i = tldStart; i < end; i++) {
            if (!Ascii.letter(text[i]) && text[i] >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean localChar(byte b) {
        return Ascii.alnum(b) || switch (b) {
            case '.', '_', '%', '+', '-', '!', '#', '$', '*', '^', '~' -> true;
            default -> false;
        };
    }
}
