package dev.gatehouse.proxy.masking;

/**
 * Types with no safe masked value for most methods, which therefore mask to SQL NULL:
 * <ul>
 * <li>bool: any stand-in is a real answer, and a keyed token of two values is a permutation that
 * one known row undoes; every method gives NULL.</li>
 * <li>interval: Redact gives the zero interval; Partial, Tokenize and Hash have no meaningful
 * interval and give NULL.</li>
 * <li>timetz: Redact gives {@code 00:00:00+00}; the others give NULL.</li>
 * <li>money: Redact gives 0; the others give NULL, because its text form (currency symbol, separators,
 * decimals) depends on the server's locale.</li>
 * </ul>
 */
enum NoSafeValue implements TypeMasking {
    BOOL("bool"), INTERVAL("interval"), TIMETZ("timetz"), MONEY("money");

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
        if (!(method instanceof MaskMethod.Redact)) {
            return null;
        }
        return switch (this) {
            case BOOL -> null;
            // Binary: microseconds (int64), days (int32), months (int32).
            case INTERVAL -> binary ? new byte[16] : TextMasks.utf8("00:00:00");
            // Binary: microseconds (int64), zone offset in seconds west of UTC (int32).
            case TIMETZ -> binary ? new byte[12] : TextMasks.utf8("00:00:00+00");
            // Binary: int64 in the currency's minor unit.
            case MONEY -> binary ? new byte[8] : TextMasks.utf8("0.00");
        };
    }
}
