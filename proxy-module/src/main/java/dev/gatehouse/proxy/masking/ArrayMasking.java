package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * One-dimensional and nested arrays of a known element type: each element is masked as a value of
 * that type, NULL elements stay NULL, and the array keeps its shape (dimensions and lower bounds).
 * An element that masks to NULL (e.g. bool) is written as NULL. Nullify of the whole array is NULL.
 */
final class ArrayMasking implements TypeMasking {

    private final int elementOid;
    private final TypeMasking element;

    ArrayMasking(int elementOid, TypeMasking element) {
        this.elementOid = elementOid;
        this.element = element;
    }

    @Override
    public String typeName() {
        return element.typeName() + "[]";
    }

    @Override
    public byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException {
        try {
            return binary ? maskBinary(method, value, tokens) : new TextArray(value).mask(method, tokens);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw TypeMasking.undecodable(typeName(), binary);
        }
    }

    private byte[] maskBinary(MaskMethod method, byte[] value, Tokens tokens) throws UnmaskableValueException {
        return BinaryArrays.rewrite(value, elementOid, item -> element.mask(method, true, item, tokens));
    }

    /** The text form: {@code {a,"b c",NULL}}, nested braces for more dimensions, optional {@code [1:2]=} decoration. */
    private final class TextArray {

        private final byte[] text;
        private final Utf8Builder out;
        private int p;

        TextArray(byte[] text) {
            this.text = text;
            this.out = new Utf8Builder(text.length + 8);
        }

        byte[] mask(MaskMethod method, Tokens tokens) throws UnmaskableValueException {
            if (text[0] == '[') {
                int equals = indexOf((byte) '=');
                out.append(text, 0, equals + 1);
                p = equals + 1;
            }
            array(method, tokens);
            if (p != text.length) {
                throw new IllegalArgumentException();
            }
            return out.toArray();
        }

        private void array(MaskMethod method, Tokens tokens) throws UnmaskableValueException {
            expect('{');
            out.append((byte) '{');
            if (text[p] == '}') {
                p++;
                out.append((byte) '}');
                return;
            }
            while (true) {
                if (text[p] == '{') {
                    array(method, tokens);
                } else {
                    item(method, tokens);
                }
                byte next = text[p++];
                out.append(next);
                if (next == '}') {
                    return;
                }
                if (next != ',') {
                    throw new IllegalArgumentException();
                }
            }
        }

        private void item(MaskMethod method, Tokens tokens) throws UnmaskableValueException {
            byte[] raw;
            if (text[p] == '"') {
                Utf8Builder unescaped = new Utf8Builder(16);
                p++;
                while (text[p] != '"') {
                    if (text[p] == '\\') {
                        p++;
                    }
                    unescaped.append(text[p++]);
                }
                p++;
                raw = unescaped.toArray();
            } else {
                int start = p;
                while (text[p] != ',' && text[p] != '}') {
                    p++;
                }
                raw = Arrays.copyOfRange(text, start, p);
                if (new String(raw, java.nio.charset.StandardCharsets.US_ASCII).equalsIgnoreCase("NULL")) {
                    out.ascii("NULL");
                    return;
                }
            }
            byte[] masked = element.mask(method, false, raw, tokens);
            if (masked == null) {
                out.ascii("NULL");
            } else {
                quoted(masked);
            }
        }

        /** Quotes every element: always valid, whatever the masked text holds. */
        private void quoted(byte[] item) {
            out.append((byte) '"');
            for (byte b : item) {
                if (b == '"' || b == '\\') {
                    out.append((byte) '\\');
                }
                out.append(b);
            }
            out.append((byte) '"');
        }

        private void expect(char c) {
            if (text[p++] != c) {
                throw new IllegalArgumentException();
            }
        }

        private int indexOf(byte wanted) {
            for (int i = 0; i < text.length; i++) {
                if (text[i] == wanted) {
                    return i;
                }
            }
            throw new IllegalArgumentException();
        }
    }
}
