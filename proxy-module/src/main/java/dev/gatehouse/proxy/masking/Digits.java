package dev.gatehouse.proxy.masking;

/** Partial masking of a number's decimal digits: masked digits become 0, so the result is still a number. */
final class Digits {

    private Digits() {
    }

    /**
     * Keeps the first {@code keepFirst} and last {@code keepLast} digits of {@code digits} and zeroes
     * the rest; when that would keep every digit, all are zeroed (a short number never passes whole).
     */
    static String partial(String digits, MaskMethod.Partial partial) {
        int n = digits.length();
        int keepFirst = partial.keepFirst();
        int keepLast = partial.keepLast();
        if ((long) keepFirst + keepLast >= n) {
            keepFirst = 0;
            keepLast = 0;
        }
        char[] out = digits.toCharArray();
        for (int i = keepFirst; i < n - keepLast; i++) {
            out[i] = '0';
        }
        return new String(out);
    }

    /** Strict ASCII decimal: an optional '-', then digits only (what PostgreSQL prints). */
    static long parseInteger(byte[] value) {
        if (value.length == 0 || value.length > 20) {
            throw new NumberFormatException();
        }
        boolean negative = value[0] == '-';
        int i = negative ? 1 : 0;
        if (i == value.length) {
            throw new NumberFormatException();
        }
        long magnitude = 0;
        for (; i < value.length; i++) {
            if (!Ascii.digit(value[i])) {
                throw new NumberFormatException();
            }
            magnitude = Math.addExact(Math.multiplyExact(magnitude, 10), (long) -Ascii.value(value[i]));
        }
        // Accumulated as a negative number so Long.MIN_VALUE parses too.
        return negative ? magnitude : Math.negateExact(magnitude);
    }
}
