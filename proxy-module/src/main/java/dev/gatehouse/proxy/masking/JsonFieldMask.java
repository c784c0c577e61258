package dev.gatehouse.proxy.masking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks chosen keys inside a JSON document built from whole rows ({@code row_to_json(c)},
 * {@code json_agg(c)}, {@code to_jsonb(c)}): the value of every masked key, at any depth, becomes
 * the placeholder as a JSON string, and everything else is copied as it is. The result still
 * parses, and unmasked fields keep their values. A document that does not parse fails the value
 * closed.
 *
 * @param keys     keys masked by name (catalog columns with a rule, or renamed outputs derived from them)
 * @param patterns column-name rules, matched against every key
 * @param rule     the rule evidence names for masked fields
 */
public record JsonFieldMask(Set<String> keys, List<Pattern> patterns, MaskingRule rule) {

    static final String PLACEHOLDER = "\"[REDACTED]\"";

    public JsonFieldMask {
        keys = Set.copyOf(keys);
        patterns = List.copyOf(patterns);
    }

    boolean masks(String key) {
        if (keys.contains(key)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The masked encoding of a json or jsonb value, or null when no key was masked. */
    byte[] apply(int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        int offset = 0;
        if (typeOid == PgTypes.JSONB && binary) {
            if (value.length == 0 || value[0] != 1) {
                throw new UnmaskableValueException("a jsonb value without version byte 1 cannot be masked");
            }
            offset = 1;
        }
        String text = new String(value, offset, value.length - offset, StandardCharsets.UTF_8);
        Rewriter rewriter = new Rewriter(text);
        try {
            rewriter.value(false);
            rewriter.space();
            if (rewriter.at != text.length()) {
                throw new IllegalArgumentException("trailing characters");
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new UnmaskableValueException("a JSON value holding whole rows could not be read to mask its fields");
        }
        if (rewriter.masked == 0) {
            return null;
        }
        byte[] body = rewriter.out.toString().getBytes(StandardCharsets.UTF_8);
        if (offset == 0) {
            return body;
        }
        byte[] out = new byte[body.length + 1];
        out[0] = 1;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The text of a quoted JSON string, escapes resolved. */
    static String unquote(String quoted) {
        StringBuilder key = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                key.append(c);
                continue;
            }
            char escaped = quoted.charAt(++i);
            switch (escaped) {
                case 'b' -> key.append('\b');
                case 'f' -> key.append('\f');
                case 'n' -> key.append('\n');
                case 'r' -> key.append('\r');
                case 't' -> key.append('\t');
                case 'u' -> {
                    key.append((char) Integer.parseInt(quoted, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> key.append(escaped);
            }
        }
        return key.toString();
    }

    /** Copies JSON text, replacing the values of masked keys. */
    private final class Rewriter {
        final String text;
        final StringBuilder out;
        int at;
        int masked;

        Rewriter(String text) {
            this.text = text;
            this.out = new StringBuilder(text.length());
        }

        void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                out.append(text.charAt(at++));
            }
        }

        /** @param replace whether this value is masked: it is read and the placeholder written instead */
        void value(boolean replace) {
            space();
            int start = at;
            int mark = out.length();
            char c = text.charAt(at);
            switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                default -> scalar();
            }
            if (replace) {
                out.setLength(mark);
                out.append(PLACEHOLDER);
                masked++;
            }
            if (start == at) {
                throw new IllegalArgumentException("empty value");
            }
        }

        void object() {
            out.append(text.charAt(at++));
            space();
            if (text.charAt(at) == '}') {
                out.append(text.charAt(at++));
                return;
            }
            while (true) {
                space();
                int keyStart = at;
                string();
                String key = unquote(text.substring(keyStart, at));
                space();
                expect(':');
                value(masks(key));
                space();
                char c = text.charAt(at);
                out.append(c);
                at++;
                if (c == '}') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or }");
                }
            }
        }

        void array() {
            out.append(text.charAt(at++));
            space();
            if (text.charAt(at) == ']') {
                out.append(text.charAt(at++));
                return;
            }
            while (true) {
                value(false);
                space();
                char c = text.charAt(at);
                out.append(c);
                at++;
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or ]");
                }
            }
        }

        void string() {
            if (text.charAt(at) != '"') {
                throw new IllegalArgumentException("expected a string");
            }
            int start = at++;
            while (text.charAt(at) != '"') {
                at += text.charAt(at) == '\\' ? 2 : 1;
            }
            at++;
            out.append(text, start, at);
        }

        void scalar() {
            int start = at;
            while (at < text.length() && ",]}: \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            out.append(text, start, at);
        }

        void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            out.append(text.charAt(at++));
        }
    }
}
