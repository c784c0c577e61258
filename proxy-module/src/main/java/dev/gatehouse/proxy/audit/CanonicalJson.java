package dev.gatehouse.proxy.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one text form the audit chain hashes (docs/audit-chain.md, "Canonical form"). It must give
 * the same bytes for the same event in every version, on every node and in the offline verifier:
 * <ul>
 *   <li>objects have their keys sorted by UTF-16 code unit, with no whitespace anywhere;</li>
 *   <li>strings escape only {@code "}, {@code \} and U+0000..U+001F (as lowercase {@code \}{@code u00xx});
 *       everything else is written as itself, encoded as UTF-8 by the caller;</li>
 *   <li>numbers are plain decimals without exponent, trailing fractional zeros or a trailing point;</li>
 *   <li>{@code null}, {@code true} and {@code false} are literals.</li>
 * </ul>
 * {@link #parse} reads any JSON text (PostgreSQL's jsonb output included) back into the values
 * {@link #write} accepts, so a stored row can be re-canonicalized and re-hashed.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Map<?, ?> map -> appendObject(out, map);
            case Collection<?> values -> {
                out.append('[');
                boolean first = true;
                for (Object element : values) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, element);
                }
                out.append(']');
            }
            case Object[] values -> append(out, List.of(values));
            case BigDecimal number -> out.append(plain(number));
            case BigInteger number -> out.append(number);
            case Long number -> out.append(number.longValue());
            case Integer number -> out.append(number.intValue());
            case Short number -> out.append(number.shortValue());
            case Byte number -> out.append(number.byteValue());
            case Number number -> out.append(plain(new BigDecimal(number.toString())));
            default -> appendString(out, value.toString());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        Map<?, ?> sorted = isSortedByString(map) ? map : sortedCopy(map);
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, (String) entry.getKey());
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    /**
     * A TreeMap of strings in natural order is already in UTF-16 code unit order, which spares the
     * copy on the verifier's hot path (parsed details and the chain's own form are such maps).
     */
    private static boolean isSortedByString(Map<?, ?> map) {
        return map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null && (sorted.isEmpty() || sorted.firstKey() instanceof String);
    }

    private static TreeMap<String, Object> sortedCopy(Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((key, v) -> sorted.put(String.valueOf(key), v));
        return sorted;
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && !needsEscape(s.charAt(plain))) {
            plain++;
        }
        // Most strings (hashes, names, seqs) need no escape at all: copy them in one go.
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /** Plain decimal, no exponent, no trailing fractional zeros: 1.50 and 1.5E0 both become 1.5. */
    static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /** Parses JSON text into maps, lists, strings, BigDecimals, booleans and nulls. */
    public static Object parse(String json) {
        return CanonicalJsonReader.read(json);
    }
}
