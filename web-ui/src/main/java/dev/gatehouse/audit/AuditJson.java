package dev.gatehouse.audit;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one text form of an event's details. Sorted keys give one stable text per event, which the
 * hash chain will rely on, so every writer of audit rows (JPA or JDBC batch) must use it.
 */
public final class AuditJson {

    /** Looked up once: {@code Json.createObjectBuilder()} searches for a provider on every call, which dominated batch writes. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private AuditJson() {
    }

    public static String of(Map<String, ?> details) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        new TreeMap<>(details).forEach((key, value) -> {
            if (value == null) {
                json.addNull(key);
            } else if (value instanceof Collection<?> values) {
                var array = JSON.createArrayBuilder();
                values.forEach(v -> array.add(String.valueOf(v)));
                json.add(key, array);
            } else if (value instanceof Boolean flag) {
                json.add(key, flag);
            } else if (value instanceof Number number) {
                json.add(key, new BigDecimal(number.toString()));
            } else {
                json.add(key, String.valueOf(value));
            }
        });
        return json.build().toString();
    }
}
