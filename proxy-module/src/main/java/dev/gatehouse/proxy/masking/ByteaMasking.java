package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * bytea. Redact gives the placeholder's UTF-8 bytes; Partial keeps the bytes named and zeroes the
 * rest; Tokenize gives the 32-byte HMAC and Hash the 32-byte SHA-256 of the raw bytes. The text
 * format is read in both output styles (hex {@code \x...} and escape) and written as hex.
 */
final class ByteaMasking implements TypeMasking {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String typeName() {
        return "bytea";
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        byte[] masked = switch (method) {
            case MaskMethod.Redact redact -> TextMasks.utf8(redact.placeholder());
            case MaskMethod.Partial partial -> partial(decode(binary, value), partial);
            case MaskMethod.Tokenize t -> tokens.digest(method, decode(binary, value));
            case MaskMethod.Hash h -> tokens.digest(method, decode(binary, value));
            case MaskMethod.Nullify nullify -> throw new IllegalArgumentException("Nullify is answered before the type");
        };
        return binary ? masked : hexText(masked);
    }

    private static byte[] partial(byte[] bytes, MaskMethod.Partial partial) {
        int keepFirst = partial.keepFirst();
        int keepLast = partial.keepLast();
        if ((long) keepFirst + keepLast >= bytes.length) {
            return new byte[bytes.length];
        }
        byte[] out = bytes.clone();
        Arrays.fill(out, keepFirst, bytes.length - keepLast, (byte) 0);
        return out;
    }

    byte[] decode(boolean binary, byte[] value) throws UnmaskableValueException {
        if (binary) {
            return value;
        }
        if (value.length >= 2 && value[0] == '\\' && value[1] == 'x') {
            return decodeHex(value);
        }
        return decodeEscape(value);
    }

    private byte[] decodeHex(byte[] value) throws UnmaskableValueException {
        if (value.length % 2 != 0) {
            throw TypeMasking.undecodable(typeName(), false);
        }
        byte[] out = new byte[(value.length - 2) / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Character.digit(value[2 + 2 * i], 16);
            int low = Character.digit(value[3 + 2 * i], 16);
            if (high < 0 || low < 0) {
                throw TypeMasking.undecodable(typeName(), false);
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    /** bytea_output = escape: printable bytes as themselves, {@code \\} for a backslash, {@code \ooo} otherwise. */
    private byte[] decodeEscape(byte[] value) throws UnmaskableValueException {
        Utf8Builder out = new Utf8Builder(value.length);
        for (int i = 0; i < value.length; i++) {
            if (value[i] != '\\') {
                out.append(value[i]);
            } else if (i + 1 < value.length && value[i + 1] == '\\') {
                out.append((byte) '\\');
                i++;
            } else if (i + 3 < value.length && octal(value[i + 1]) && octal(value[i + 2]) && octal(value[i + 3])) {
                out.append((byte) ((value[i + 1] - '0') << 6 | (value[i + 2] - '0') << 3 | (value[i + 3] - '0')));
                i += 3;
            } else {
                throw TypeMasking.undecodable(typeName(), false);
            }
        }
        return out.toArray();
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }

    static byte[] hexText(byte[] bytes) {
        byte[] out = new byte[2 + 2 * bytes.length];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = (byte) HEX[(bytes[i] >> 4) & 15];
            out[3 + 2 * i] = (byte) HEX[bytes[i] & 15];
        }
        return out;
    }
}
