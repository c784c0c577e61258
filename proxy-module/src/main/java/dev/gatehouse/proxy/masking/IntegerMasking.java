package dev.gatehouse.proxy.masking;

/**
 * int2, int4, int8 and oid. Redact gives 0; Partial keeps the digits it names and zeroes the others
 * (keep the last 4 of 123456789 gives 6789); Tokenize and Hash give a non-negative number of the
 * same type derived from the digest of the decimal text, so text and binary results agree.
 */
enum IntegerMasking implements TypeMasking {
    INT2("int2", 2, 0x7fffL, false), INT4("int4", 4, 0x7fff_ffffL, false), INT8("int8", 8, Long.MAX_VALUE, false),
    OID("oid", 4, 0xffff_ffffL, true);

    private final String typeName;
    private final int width;
    private final long tokenMask;
    private final boolean unsigned;

    IntegerMasking(String typeName, int width, long tokenMask, boolean unsigned) {
        this.typeName = typeName;
        this.width = width;
        this.tokenMask = tokenMask;
        this.unsigned = unsigned;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        long masked = switch (method) {
            case MaskMethod.Redact redact -> 0;
            case MaskMethod.Partial partial -> partial(decode(binary, value), partial);
            case MaskMethod.Tokenize t -> derived(decode(binary, value), method, tokens);
            case MaskMethod.Hash h -> derived(decode(binary, value), method, tokens);
            case MaskMethod.Nullify nullify -> throw new IllegalArgumentException("Nullify is answered before the type");
        };
        return encode(binary, masked);
    }

    private static long partial(long value, MaskMethod.Partial partial) {
        String text = Long.toString(value);
        boolean negative = text.startsWith("-");
        String digits = Digits.partial(negative ? text.substring(1) : text, partial);
        return Long.parseLong(negative ? "-" + digits : digits);
    }

    private long derived(long value, MaskMethod method, Tokens tokens) throws UnmaskableValueException {
        byte[] digest = tokens.digest(method, TextMasks.utf8(Long.toString(value)));
        return Tokens.leadingLong(digest) & tokenMask;
    }

    long decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            if (value.length != width) {
                throw TypeMasking.undecodable(typeName, true);
            }
            long result = 0;
            for (byte b : value) {
                result = (result << 8) | (b & 0xff);
            }
            return unsigned ? result : result << (64 - 8 * width) >> (64 - 8 * width);
        }
        try {
            long result = Digits.parseInteger(value);
            long min = unsigned ? 0 : -(1L << (8 * width - 1));
            long max = unsigned ? tokenMask : (width == 8 ? Long.MAX_VALUE : (1L << (8 * width - 1)) - 1);
            if (width < 8 && (result < min || result > max)) {
                throw new NumberFormatException();
            }
            return result;
        } catch (NumberFormatException | ArithmeticException e) {
            throw TypeMasking.undecodable(typeName, false);
        }
    }

    byte[] encode(boolean binary, long value) {
        if (!binary) {
            return TextMasks.utf8(Long.toString(value));
        }
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
