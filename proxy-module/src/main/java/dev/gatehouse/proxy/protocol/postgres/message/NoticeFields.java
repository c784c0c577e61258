package dev.gatehouse.proxy.protocol.postgres.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared helpers for the identical field layout of ErrorResponse and NoticeResponse. */
final class NoticeFields {

    private NoticeFields() {
    }

    static Map<Character, String> copy(Map<Character, String> fields) {
        // Insertion-ordered copy: the wire order is part of what the gateway may want to log.
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static String severity(Map<Character, String> fields) {
        // V is never localised (9.6+); S may be translated, so prefer V when present.
        String nonLocalised = fields.get('V');
        return nonLocalised != null ? nonLocalised : fields.get('S');
    }
}
