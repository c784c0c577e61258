package dev.gatehouse.proxy.masking;

/**
 * float4 and float8. Redact gives 0; Partial has no meaning for a binary fraction and gives NULL;
 * Tokenize and Hash give a whole number derived from the digest of the value's bits (below 2^24
 * for float4 and 2^53 for float8, so it is exact), written as plain digits in text format.
 */
enum FloatMasking implements TypeMasking {
    FLOAT4("float4", 4, (1L << 24) - 1), FLOAT8("float8", 8, (1L << 53) - 1);

    private final String typeName;
    private final int width;
    private final long tokenMask;

    FloatMasking(String typeName, int width, long tokenMask) {
        this.typeName = typeName;
        this.width = width;
        this.tokenMask = tokenMask;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        return switch (method) {
            case MaskMethod.Redact redact -> encode(binary, 0);
            case MaskMethod.Partial partial -> null;
            case MaskMethod.Tokenize t -> encode(binary, derived(decode(binary, value), method, tokens));
            case MaskMethod.Hash h -> encode(binary, derived(decode(binary, value), method, tokens));
            case MaskMethod.Nullify nullify -> throw new IllegalArgumentException("Nullify is answered before the type");
        };
    }

    private long derived(double value, MaskMethod method, Tokens tokens) throws UnmaskableValueException {
        long canonical = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
        byte[] digest = tokens.digest(method, TextMasks.utf8(Long.toString(canonical)));
        return Tokens.leadingLong(digest) & tokenMask;
    }

    double decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            if (value.length != width) {
                throw TypeMasking.undecodable(typeName, true);
            }
            long bits = 0;
            for (byte b : value) {
                bits = (bits << 8) | (b & 0xff);
            }
            return width == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        }
        try {
            String text = new String(value, java.nio.charset.StandardCharsets.US_ASCII);
            if (text.isEmpty() || !text.equals(text.strip()) || text.endsWith("d") || text.endsWith("f")
                    || text.endsWith("D") || text.endsWith("F")) {
                throw new NumberFormatException();
            }
            return width == 4 ? Float.parseFloat(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw TypeMasking.undecodable(typeName, false);
        }
    }

    private byte[] encode(boolean binary, long wholeNumber) {
        if (!binary) {
            return TextMasks.utf8(Long.toString(wholeNumber));
        }
        long bits = width == 4 ? Float.floatToIntBits((float) wholeNumber) : Double.doubleToLongBits((double) wholeNumber);
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) bits;
            bits >>>= 8;
        }
        return out;
    }
}
