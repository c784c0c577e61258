package dev.gatehouse.proxy.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small accessors over libpg_query's JSON nodes ({@code {"TypeName": {fields}}}). */
final class ParseNodes {

    private ParseNodes() {
    }

    /** The node type of a wrapped node ({@code {"SelectStmt": {...}}}), or null for a bare struct. */
    static String typeOf(Map<String, Object> node) {
        if (node.size() == 1) {
            String key = node.keySet().iterator().next();
            if (!key.isEmpty() && Character.isUpperCase(key.charAt(0)) && node.get(key) instanceof Map) {
                return key;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Map<String, Object> node) {
        return (Map<String, Object>) node.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A field holding a wrapped node: its body, whatever its type. */
    static Map<String, Object> child(Map<String, Object> body, String field) {
        Map<String, Object> node = map(body.get(field));
        if (node == null) {
            return null;
        }
        return typeOf(node) != null ? body(node) : node;
    }

    static String text(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s ? s : null;
    }

    static boolean flag(Map<String, Object> body, String field) {
        return Boolean.TRUE.equals(body.get(field));
    }

    /** The svals of a list of {@code String} nodes, e.g. a qualified name. */
    static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        for (Object item : list(value)) {
            Map<String, Object> node = map(item);
            if (node != null && "String".equals(typeOf(node))) {
                names.add(String.valueOf(body(node).get("sval")));
            }
        }
        return names;
    }

    /** A RangeVar body (wrapped or bare) as a table reference. */
    static TableRef table(Map<String, Object> rangeVar) {
        String name = text(rangeVar, "relname");
        return name == null ? null : new TableRef(text(rangeVar, "schemaname"), name);
    }

    /** A qualified name list ({@code [schema,] name}) as a table reference. */
    static TableRef qualified(List<String> parts) {
        if (parts.isEmpty()) {
            return null;
        }
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        return new TableRef(schema, name);
    }
}
