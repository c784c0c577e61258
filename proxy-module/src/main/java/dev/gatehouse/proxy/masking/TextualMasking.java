package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * Text-like types, whose text and binary formats are both the UTF-8 text (jsonb's binary format
 * adds a version byte 1 in front). The masked text is the method applied to the whole value; json
 * and jsonb wrap it as a JSON string and xml escapes it, so the result stays a valid document.
 */
enum TextualMasking implements TypeMasking {
    TEXT("text"), NAME("name"), JSON("json"), JSONB("jsonb"), XML("xml"), CHAR("\"char\"");

    /** PostgreSQL's NAMEDATALEN - 1: longer names would not survive a round trip. */
    private static final int NAME_MAX_BYTES = 63;

    private final String typeName;

    TextualMasking(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        boolean versioned = this == JSONB && binary;
        if (versioned && (value.length == 0 || value[0] != 1)) {
            throw TypeMasking.undecodable(typeName, true);
        }
        int from = versioned ? 1 : 0;
        if (this == CHAR) {
            return singleCharacter(method, value, tokens);
        }
        byte[] masked = TextMasks.value(method, value, from, value.length, tokens);
        return switch (this) {
            case JSON -> jsonString(masked, false);
            case JSONB -> jsonString(masked, binary);
            case XML -> xmlText(masked);
            case NAME -> truncated(masked);
            default -> masked;
        };
    }

    /** The one-byte {@code "char"} type: '*' for Redact and Partial, a letter derived from the digest otherwise. */
    private static byte[] singleCharacter(MaskMethod method, byte[] value, Tokens tokens) throws UnmaskableValueException {
        if (method instanceof MaskMethod.Tokenize || method instanceof MaskMethod.Hash) {
            byte[] digest = tokens.digest(method, value);
            return new byte[] {(byte) ('a' + Math.floorMod(digest[0], 26))};
        }
        return new byte[] {'*'};
    }

    private static byte[] jsonString(byte[] text, boolean versioned) {
        Utf8Builder out = new Utf8Builder(text.length + 8);
        if (versioned) {
            out.append((byte) 1);
        }
        out.append((byte) '"');
        for (byte b : text) {
            if (b == '"' || b == '\\') {
                out.append((byte) '\\').append(b);
            } else if (b >= 0 && b < 0x20) {
                out.ascii(String.format("\\u%04x", b));
            } else {
                out.append(b);
            }
        }
        return out.append((byte) '"').toArray();
    }

    private static byte[] xmlText(byte[] text) {
        Utf8Builder out = new Utf8Builder(text.length + 8);
        for (byte b : text) {
            switch (b) {
                case '<' -> out.ascii("&lt;");
                case '>' -> out.ascii("&gt;");
                case '&' -> out.ascii("&amp;");
                default -> out.append(b);
            }
        }
        return out.toArray();
    }

    /** Cut at a character boundary so the name stays valid UTF-8. */
    private static byte[] truncated(byte[] text) {
        if (text.length <= NAME_MAX_BYTES) {
            return text;
        }
        int end = NAME_MAX_BYTES;
        while (end > 0 && (text[end] & 0xc0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(text, end);
    }
}
