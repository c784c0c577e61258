package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Statements that would make the target read later text differently from the gateway's parser.
 * The parser reads strings as PostgreSQL does with standard_conforming_strings on (the default);
 * a session that turns it off is refused the statement that does so.
 */
final class StandardStringsSetting {

    static final String REFUSED = "standard_conforming_strings can only be on: with it off, PostgreSQL"
            + " reads backslashes in strings differently from the gateway's parser, and later statements could hide others";

    private StandardStringsSetting() {
    }

    /**
     * Whether a SET anywhere in the tree (also inside ALTER ROLE/DATABASE/SYSTEM ... SET) gives
     * standard_conforming_strings a value other than on. The gateway parses as PostgreSQL does
     * with it on; with it off, {@code 'a\', $$'; DROP TABLE t; --$$} is one SELECT to the gateway
     * and a SELECT and a DROP to the target.
     */
    static boolean turnedOffIn(Object tree) {
        if (tree instanceof List<?> items) {
            return items.stream().anyMatch(StandardStringsSetting::turnedOffIn);
        }
        Map<String, Object> node = map(tree);
        if (node == null) {
            return false;
        }
        // Wrapped where any statement may stand; bare inside ALTER ROLE/DATABASE ... SET (a typed field).
        Map<String, Object> set = node.containsKey("VariableSetStmt") ? map(node.get("VariableSetStmt"))
                : text(node, "kind") != null && text(node, "kind").startsWith("VAR_") ? node : null;
        if (set != null && "standard_conforming_strings".equalsIgnoreCase(text(set, "name"))
                && "VAR_SET_VALUE".equals(text(set, "kind")) && !isOn(list(set.get("args")))) {
            return true;
        }
        return node.values().stream().anyMatch(StandardStringsSetting::turnedOffIn);
    }

    /** A single argument PostgreSQL's parse_bool reads as true: on, 1, or a prefix of true or yes. */
    private static boolean isOn(List<Object> arguments) {
        Map<String, Object> argument = arguments.size() == 1 ? map(arguments.get(0)) : null;
        if (argument == null || !"A_Const".equals(typeOf(argument))) {
            return false;
        }
        Map<String, Object> constant = body(argument);
        Map<String, Object> integer = map(constant.get("ival"));
        if (integer != null) {
            return Long.valueOf(1).equals(integer.get("ival") instanceof Number n ? n.longValue() : null);
        }
        Map<String, Object> string = map(constant.get("sval"));
        String value = string == null ? "" : String.valueOf(string.get("sval")).trim().toLowerCase(Locale.ROOT);
        return value.equals("on") || value.equals("1") || !value.isEmpty() && ("true".startsWith(value) || "yes".startsWith(value));
    }
}
