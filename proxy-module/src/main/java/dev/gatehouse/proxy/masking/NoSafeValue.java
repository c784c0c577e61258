package dev.gatehouse.proxy.masking;

/**
 * Types with no safe masked value for most methods, which therefore mask to SQL NULL:
 * <ul>
 * <li>bool: any stand-in is a real answer, and a keyed token of two values is a permutation that
 * one known row undoes; every method gives NULL.</li>
 * <li>interval: Redact gives the zero interval; Partial, Tokenize and Hash have no meaningful
 * interval and give NULL.</li>
 * </ul>
 */
enum NoSafeValue implements TypeMasking {
    BOOL("bool"), INTERVAL("interval");

    private static final String ZERO_INTERVAL_TEXT = "00:00:00";

    private final String typeName;

    NoSafeValue(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) {
        if (this == INTERVAL && method instanceof MaskMethod.Redact) {
            // Binary: microseconds (int64), days (int32), months (int32), all zero.
            return binary ? new byte[16] : TextMasks.utf8(ZERO_INTERVAL_TEXT);
        }
        return null;
    }
}
