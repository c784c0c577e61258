package dev.gatehouse.proxy.masking;

/**
 * uuid. Redact gives the nil UUID; Partial keeps the hex digits named and zeroes the rest; Tokenize
 * and Hash give a version-8 (custom) UUID built from the digest of the 16 bytes.
 */
final class UuidMasking implements TypeMasking {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String typeName() {
        return "uuid";
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        byte[] masked = switch (method) {
            case MaskMethod.Redact redact -> new byte[16];
            case MaskMethod.Partial partial -> partial(decode(binary, value), partial);
            case MaskMethod.Tokenize t -> derived(tokens.digest(method, decode(binary, value)));
            case MaskMethod.Hash h -> derived(tokens.digest(method, decode(binary, value)));
            case MaskMethod.Nullify nullify -> throw new IllegalArgumentException("Nullify is answered before the type");
        };
        return binary ? masked : text(masked);
    }

    private static byte[] partial(byte[] uuid, MaskMethod.Partial partial) {
        StringBuilder hex = new StringBuilder(32);
        for (byte b : uuid) {
            hex.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
        }
        String masked = Digits.partial(hex.toString(), partial);
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) Integer.parseInt(masked.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] derived(byte[] digest) {
        byte[] out = java.util.Arrays.copyOf(digest, 16);
        out[6] = (byte) ((out[6] & 0x0f) | 0x80);
        out[8] = (byte) ((out[8] & 0x3f) | 0x80);
        return out;
    }

    byte[] decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            if (value.length != 16) {
                throw TypeMasking.undecodable(typeName(), true);
            }
            return value;
        }
        byte[] out = new byte[16];
        int nibbles = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23)) {
                continue;
            }
            int digit = Character.digit(value[i], 16);
            if (digit < 0 || nibbles == 32) {
                throw TypeMasking.undecodable(typeName(), false);
            }
            out[nibbles / 2] |= (byte) (nibbles % 2 == 0 ? digit << 4 : digit);
            nibbles++;
        }
        if (nibbles != 32 || value.length != 36) {
            throw TypeMasking.undecodable(typeName(), false);
        }
        return out;
    }

    private static byte[] text(byte[] uuid) {
        byte[] out = new byte[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[p++] = '-';
            }
            out[p++] = (byte) HEX[(uuid[i] >> 4) & 15];
            out[p++] = (byte) HEX[uuid[i] & 15];
        }
        return out;
    }
}
