package dev.gatehouse.proxy.protocol.postgres.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field layout ErrorResponse and NoticeResponse share: fields keyed by their type char in wire
 * order. One interface so that code reading them (error mapping now, masking of detail fields later)
 * treats both alike.
 */
public interface NoticeFields {

    Map<Character, String> fields();

    /** V is never localised (9.6+); S may be translated, so V is preferred when present. */
    default String severity() {
        String nonLocalised = fields().get('V');
        return nonLocalised != null ? nonLocalised : fields().get('S');
    }

    default String sqlState() {
        return fields().get('C');
    }

    default String message() {
        return fields().get('M');
    }

    /** Insertion-ordered, unmodifiable copy: the wire order is part of what the gateway may log. */
    static Map<Character, String> copy(Map<Character, String> fields) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
