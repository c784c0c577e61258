package dev.gatehouse.proxy.masking;

/**
 * Byte tests for the hand-written detectors. They read UTF-8 as bytes: every byte of a multi-byte
 * character is >= 0x80, so it is never mistaken for an ASCII digit, letter or separator, and a
 * finding never starts or ends inside a character.
 */
final class Ascii {

    private Ascii() {
    }

    static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean letter(byte b) {
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    static boolean upper(byte b) {
        return b >= 'A' && b <= 'Z';
    }

    static boolean alnum(byte b) {
        return digit(b) || letter(b);
    }

    /**
     * Whether a numeric finding may start at {@code i}: no digit right before it. Digit-aware
     * (issue 16): a letter in front ({@code x078-05-1120}, {@code ssn536228147}) does not hide a
     * number, because {@code concat('x', ssn)} is all it takes to put one there.
     */
    static boolean startBoundary(byte[] text, int from, int i) {
        return i == from || !digit(text[i - 1]);
    }

    /** Whether a finding that starts with letters (an IBAN) may start at {@code i}: nothing alphanumeric right before it. */
    static boolean wordStart(byte[] text, int from, int i) {
        return i == from || !alnum(text[i - 1]);
    }

    /** Whether such a finding may end before {@code end}: nothing alphanumeric right after it. */
    static boolean wordEnd(byte[] text, int end, int to) {
        return end == to || !alnum(text[end]);
    }

    /** Whether a numeric finding may end before {@code end}: no digit right after it. */
    static boolean endBoundary(byte[] text, int end, int to) {
        return end == to || !digit(text[end]);
    }

    /** The end of the run of digits starting at {@code i}. */
    static int digitsEnd(byte[] text, int i, int to) {
        while (i < to && digit(text[i])) {
            i++;
        }
        return i;
    }

    static int value(byte digit) {
        return digit - '0';
    }
}
