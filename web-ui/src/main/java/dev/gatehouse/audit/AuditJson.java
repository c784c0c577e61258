package dev.gatehouse.audit;

import dev.gatehouse.proxy.audit.CanonicalJson;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one text form of an event's details: the chain's canonical JSON, after reducing every value
 * to what JSON and the chain agree on (collections become arrays of strings, numbers decimals, the
 * rest strings). The chain hashes this text, the store keeps it as jsonb, and the verifier
 * re-canonicalizes what the store gives back; every writer of audit rows must use it.
 */
public final class AuditJson {

    private AuditJson() {
    }

    public static String of(Map<String, ?> details) {
        TreeMap<String, Object> normalized = new TreeMap<>();
        details.forEach((key, value) -> normalized.put(key, normalize(value)));
        return CanonicalJson.write(normalized);
    }

    private static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Collection<?> values -> values.stream().map(String::valueOf).toList();
            case Boolean flag -> flag;
            case Number number -> new BigDecimal(number.toString());
            default -> String.valueOf(value);
        };
    }
}
