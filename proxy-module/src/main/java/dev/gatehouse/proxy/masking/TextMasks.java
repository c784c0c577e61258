package dev.gatehouse.proxy.masking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The mask methods applied to UTF-8 text: a whole text value, or one finding inside a longer text.
 * Tokens and hashes are computed over the text's exact bytes, so a value masked as a column and the
 * same value found inside other text give the same token.
 */
final class TextMasks {

    /** What a finding becomes under Nullify: text cannot hold a NULL in the middle of it. */
    static final String NULLIFIED_FINDING = "[REDACTED]";

    private static final byte[] NULLIFIED_FINDING_BYTES = NULLIFIED_FINDING.getBytes(StandardCharsets.UTF_8);

    /** Each ASCII character as its one UTF-8 byte, so a partial mask allocates no mask bytes per value. */
    private static final byte[][] ASCII_BYTES = new byte[0x80][];

    static {
        for (int c = 0; c < ASCII_BYTES.length; c++) {
            ASCII_BYTES[c] = new byte[] {(byte) c};
        }
    }

    /**
     * The last placeholder encoded. A session masks with the same few placeholders row after row, and
     * encoding one per value showed in profiles; the bytes are shared read-only (callers copy them
     * into the outgoing frame and never change them).
     */
    private static volatile EncodedPlaceholder lastPlaceholder = new EncodedPlaceholder("", new byte[0]);

    private record EncodedPlaceholder(String text, byte[] utf8) {
    }

    private TextMasks() {
    }

    static byte[] placeholder(String text) {
        EncodedPlaceholder last = lastPlaceholder;
        if (last.text() == text) {
            return last.utf8();
        }
        EncodedPlaceholder encoded = new EncodedPlaceholder(text, utf8(text));
        lastPlaceholder = encoded;
        return encoded.utf8();
    }

    /** A finding's replacement (never null: Nullify gives {@link #NULLIFIED_FINDING}). */
    static byte[] finding(MaskMethod method, byte[] text, int from, int to, Tokens tokens) throws UnmaskableValueException {
        return switch (method) {
            case MaskMethod.Nullify nullify -> NULLIFIED_FINDING_BYTES;
            default -> value(method, text, from, to, tokens);
        };
    }

    /** A whole text value's replacement, or null under Nullify. */
    static byte[] value(MaskMethod method, byte[] text, int from, int to, Tokens tokens) throws UnmaskableValueException {
        return switch (method) {
            case MaskMethod.Redact redact -> placeholder(redact.placeholder());
            case MaskMethod.Partial partial -> partial(partial, text, from, to);
            case MaskMethod.Tokenize tokenize -> utf8(Tokens.tokenText(tokens.digest(method, text, from, to)));
            case MaskMethod.Hash hash -> utf8(Tokens.hex(tokens.digest(method, text, from, to)));
            case MaskMethod.Nullify nullify -> null;
        };
    }

    /**
     * Letters and digits are masked except the first {@code keepFirst} and last {@code keepLast} of
     * them; punctuation and spaces stay, so {@code 123-45-6789} keeping 4 reads {@code ***-**-6789}.
     * When a value has no more letters and digits than would be kept, all of them are masked: a
     * short value never passes whole.
     */
    static byte[] partial(MaskMethod.Partial partial, byte[] text, int from, int to) {
        if (partial.maskCharacter() < 0x80 && ascii(text, from, to)) {
            return asciiPartial(partial, text, from, to);
        }
        int maskable = 0;
        for (int i = from; i < to; i += charLength(text, i, to)) {
            if (maskable(text, i, to)) {
                maskable++;
            }
        }
        int keepFirst = partial.keepFirst();
        int keepLast = partial.keepLast();
        if ((long) keepFirst + keepLast >= maskable) {
            keepFirst = 0;
            keepLast = 0;
        }
        char maskCharacter = partial.maskCharacter();
        byte[] mask = maskCharacter < 0x80 ? ASCII_BYTES[maskCharacter] : utf8(String.valueOf(maskCharacter));
        byte[] out = new byte[(to - from) + maskable * Math.max(0, mask.length - 1)];
        int length = 0;
        int index = 0;
        for (int i = from; i < to; ) {
            int charLength = charLength(text, i, to);
            boolean hidden = false;
            if (maskable(text, i, to)) {
                hidden = index >= keepFirst && index < maskable - keepLast;
                index++;
            }
            if (hidden) {
                System.arraycopy(mask, 0, out, length, mask.length);
                length += mask.length;
            } else {
                System.arraycopy(text, i, out, length, charLength);
                length += charLength;
            }
            i += charLength;
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    /** The same as the general path for text that is all ASCII (most masked values), in one copy and one pass. */
    private static byte[] asciiPartial(MaskMethod.Partial partial, byte[] text, int from, int to) {
        int maskable = 0;
        for (int i = from; i < to; i++) {
            if (Ascii.alnum(text[i])) {
                maskable++;
            }
        }
        int keepFirst = partial.keepFirst();
        int keepLast = partial.keepLast();
        if ((long) keepFirst + keepLast >= maskable) {
            keepFirst = 0;
            keepLast = 0;
        }
        byte mask = (byte) partial.maskCharacter();
        byte[] out = Arrays.copyOfRange(text, from, to);
        int hideUntil = maskable - keepLast;
        int index = 0;
        for (int i = 0; i < out.length; i++) {
            if (Ascii.alnum(out[i])) {
                if (index >= keepFirst && index < hideUntil) {
                    out[i] = mask;
                }
                index++;
            }
        }
        return out;
    }

    private static boolean ascii(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean maskable(byte[] text, int i, int to) {
        byte b = text[i];
        if (b >= 0) {
            return Ascii.alnum(b);
        }
        return Character.isLetterOrDigit(codePoint(text, i, to));
    }

    /** The byte length of the UTF-8 character at {@code i} (1 for a stray byte, so scanning always advances). */
    static int charLength(byte[] text, int i, int to) {
        int b = text[i] & 0xff;
        int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return Math.min(length, to - i);
    }

    static int codePoint(byte[] text, int i, int to) {
        int length = charLength(text, i, to);
        int b = text[i] & 0xff;
        int cp = switch (length) {
            case 2 -> b & 0x1f;
            case 3 -> b & 0x0f;
            case 4 -> b & 0x07;
            default -> b;
        };
        for (int k = 1; k < length; k++) {
            cp = (cp << 6) | (text[i + k] & 0x3f);
        }
        return cp;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
