package dev.gatehouse.proxy.sql;

import static dev.gatehouse.proxy.sql.ParseNodes.body;
import static dev.gatehouse.proxy.sql.ParseNodes.child;
import static dev.gatehouse.proxy.sql.ParseNodes.flag;
import static dev.gatehouse.proxy.sql.ParseNodes.list;
import static dev.gatehouse.proxy.sql.ParseNodes.map;
import static dev.gatehouse.proxy.sql.ParseNodes.names;
import static dev.gatehouse.proxy.sql.ParseNodes.text;
import static dev.gatehouse.proxy.sql.ParseNodes.typeOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a statement does to the session settings the gateway's reading depends on
 * (docs/adr/0016-session-state-pinned-and-tracked.md).
 *
 * <p>Pinned, because they change how the target reads the bytes of later statements: a
 * {@code client_encoding} such as SJIS, BIG5, GBK or GB18030 (whose two-byte characters can end in
 * the byte of a backslash or quote), {@code standard_conforming_strings} off (backslashes escape in
 * plain strings) and {@code backslash_quote} on. Also pinned: the role ({@code SET ROLE},
 * {@code SET SESSION AUTHORIZATION}), because rules, masking and the search path's {@code $user}
 * are the connection's database user's. Any change to another value, wherever it stands (SET,
 * SET LOCAL, {@code set_config()} in any expression, {@code UPDATE pg_settings}, ALTER ROLE,
 * DATABASE or SYSTEM ... SET, a function's SET clause), is refused.
 *
 * <p>Tracked: {@code search_path}, by the session's own SET, RESET, DISCARD ALL and
 * {@code set_config}.
 */
final class SessionSettings {

    private static final Set<String> ENCODINGS = Set.of("utf8", "unicode", "sqlascii");
    private static final Set<String> BACKSLASH_QUOTE = Set.of("safeencoding", "off", "false", "no", "0", "f", "n", "of", "fa", "fal", "fals");

    private SessionSettings() {
    }

    /** The effects of one statement (its node, unwrapped, and its type). */
    static SessionEffects of(String type, Map<String, Object> statement) {
        Scan scan = new Scan();
        if ("VariableSetStmt".equals(type)) {
            scan.sessionSet(statement);
        } else if ("DiscardStmt".equals(type) && "DISCARD_ALL".equals(text(statement, "target"))) {
            scan.searchPath = SearchPathChange.unknown(false);
        } else if (("UpdateStmt".equals(type) || "InsertStmt".equals(type) || "DeleteStmt".equals(type) || "MergeStmt".equals(type))
                && isPgSettings(child(statement, "relation"))) {
            scan.refuse("pg_settings", "writing to pg_settings changes session settings (PostgreSQL turns it into set_config());"
                    + " use SET for the settings Gatehouse allows");
        }
        scan.visit(statement);
        return scan.refused == null && scan.searchPath == null ? SessionEffects.NONE
                : new SessionEffects(scan.setting, scan.refused, scan.searchPath);
    }

    private static boolean isPgSettings(Map<String, Object> relation) {
        if (relation == null) {
            return false;
        }
        String schema = text(relation, "schemaname");
        return "pg_settings".equals(text(relation, "relname")) && (schema == null || "pg_catalog".equals(schema));
    }

    private static final class Scan {
        String setting;
        String refused;
        SearchPathChange searchPath;

        void refuse(String name, String message) {
            if (refused == null) {
                setting = name;
                refused = message;
            }
        }

        /** A top-level SET or RESET: it changes this session. */
        void sessionSet(Map<String, Object> set) {
            String name = lower(text(set, "name"));
            String kind = text(set, "kind");
            boolean local = flag(set, "is_local");
            if ("VAR_RESET_ALL".equals(kind)) {
                searchPath = SearchPathChange.unknown(local);
            } else if ("search_path".equals(name)) {
                searchPath = "VAR_SET_VALUE".equals(kind) ? new SearchPathChange(pathOf(list(set.get("args"))), local)
                        : SearchPathChange.unknown(local);
            }
        }

        void visit(Object value) {
            if (value instanceof List<?> items) {
                items.forEach(this::visit);
                return;
            }
            Map<String, Object> node = map(value);
            if (node == null) {
                return;
            }
            String type = typeOf(node);
            Map<String, Object> fields = type != null ? body(node) : node;
            if ("VariableSetStmt".equals(type) || type == null && text(node, "kind") != null
                    && text(node, "kind").startsWith("VAR_") && node.containsKey("name")) {
                // Wrapped where a statement stands; bare inside ALTER ROLE/DATABASE/SYSTEM ... SET and a function's SET.
                checkPinned(fields);
            } else if ("FuncCall".equals(type)) {
                setConfig(fields);
            }
            for (Object child : fields.values()) {
                visit(child);
            }
        }

        private void checkPinned(Map<String, Object> set) {
            String name = lower(text(set, "name"));
            if (name == null || !"VAR_SET_VALUE".equals(text(set, "kind"))) {
                return; // RESET, DEFAULT and FROM CURRENT return to a value the session already had
            }
            List<Object> args = list(set.get("args"));
            String value = args.size() == 1 ? constant(args.get(0)) : null;
            String refusal = pinnedRefusal(name, value);
            if (refusal != null) {
                refuse(name, refusal);
            }
        }

        /** {@code set_config(name, value, is_local)}, under any schema qualification. */
        private void setConfig(Map<String, Object> call) {
            List<String> function = names(call.get("funcname"));
            if (function.isEmpty() || !"set_config".equals(lower(function.get(function.size() - 1)))) {
                return;
            }
            List<Object> args = list(call.get("args"));
            String name = args.isEmpty() ? null : lower(constant(args.get(0)));
            if (name == null) {
                refuse("set_config", "set_config() with a setting name the gateway cannot read from the statement is not allowed:"
                        + " it could change client_encoding, standard_conforming_strings or the role");
                searchPath = SearchPathChange.unknown(true);
                return;
            }
            String value = args.size() > 1 ? constant(args.get(1)) : null;
            String refusal = pinnedRefusal(name, value);
            if (refusal != null) {
                refuse(name, refusal);
            } else if ("search_path".equals(name)) {
                Boolean local = args.size() > 2 ? bool(args.get(2)) : Boolean.FALSE;
                searchPath = new SearchPathChange(value == null ? null : splitIdentifiers(value), local == null || local);
            }
        }
    }

    /** The refusal for giving {@code name} this value (null: the text does not say), or null when allowed. */
    static String pinnedRefusal(String name, String value) {
        String normalized = value == null ? null : value.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (name) {
            case "client_encoding" -> normalized != null && ENCODINGS.contains(normalized) ? null
                    : "client_encoding is pinned to UTF8 through Gatehouse: the gateway reads statements as UTF-8, and in"
                            + " encodings such as SJIS, BIG5, GBK or GB18030 the target would read other statements from the same bytes";
            case "standard_conforming_strings" -> normalized != null && isOn(normalized) ? null
                    : "standard_conforming_strings is pinned to on through Gatehouse: with it off, PostgreSQL reads backslashes"
                            + " in strings differently from the gateway's parser, and later statements could hide others";
            case "backslash_quote" -> normalized != null && BACKSLASH_QUOTE.contains(normalized) ? null
                    : "backslash_quote is pinned to safe_encoding (or off) through Gatehouse";
            case "role" -> "none".equals(normalized) ? null
                    : "SET ROLE is not allowed through Gatehouse: guardrails and masking apply to the connection's own database user";
            case "session_authorization" -> "SET SESSION AUTHORIZATION is not allowed through Gatehouse: guardrails and masking"
                    + " apply to the connection's own database user";
            default -> null;
        };
    }

    /** PostgreSQL's parse_bool spellings of true. */
    private static boolean isOn(String value) {
        return value.equals("on") || value.equals("1") || !value.isEmpty() && ("true".startsWith(value) || "yes".startsWith(value));
    }

    /** Schema names from SET's arguments: each is one name, exactly as written (PostgreSQL quotes it). */
    private static List<String> pathOf(List<Object> args) {
        List<String> schemas = new ArrayList<>();
        for (Object arg : args) {
            String name = constant(arg);
            if (name == null) {
                return null;
            }
            schemas.add(name);
        }
        return schemas;
    }

    /**
     * A list setting's text as PostgreSQL's SplitIdentifierString reads it: comma-separated,
     * unquoted names folded to lower case, double-quoted ones kept; null for anything malformed.
     */
    static List<String> splitIdentifiers(String text) {
        List<String> names = new ArrayList<>();
        int at = 0;
        int length = text.length();
        while (true) {
            while (at < length && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            StringBuilder name = new StringBuilder();
            if (at < length && text.charAt(at) == '"') {
                at++;
                while (true) {
                    if (at >= length) {
                        return null;
                    }
                    char c = text.charAt(at++);
                    if (c == '"') {
                        if (at < length && text.charAt(at) == '"') {
                            name.append('"');
                            at++;
                            continue;
                        }
                        break;
                    }
                    name.append(c);
                }
            } else {
                while (at < length && text.charAt(at) != ',' && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '"') {
                    char c = text.charAt(at++);
                    name.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                }
            }
            if (name.isEmpty()) {
                return null;
            }
            names.add(name.toString());
            while (at < length && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at == length) {
                return names;
            }
            if (text.charAt(at) != ',') {
                return null;
            }
            at++;
        }
    }

    /** The text of a constant (a string, number or boolean, possibly cast), or null for anything computed. */
    static String constant(Object value) {
        Map<String, Object> node = map(value);
        if (node == null) {
            return null;
        }
        String type = typeOf(node);
        if ("TypeCast".equals(type)) {
            return constant(body(node).get("arg"));
        }
        if (!"A_Const".equals(type)) {
            return null;
        }
        Map<String, Object> constant = body(node);
        Map<String, Object> string = map(constant.get("sval"));
        if (string != null) {
            return string.get("sval") == null ? "" : String.valueOf(string.get("sval"));
        }
        Map<String, Object> integer = map(constant.get("ival"));
        if (integer != null) {
            return String.valueOf(integer.get("ival") instanceof Number n ? n.longValue() : 0);
        }
        Map<String, Object> bool = map(constant.get("boolval"));
        if (bool != null) {
            return String.valueOf(Boolean.TRUE.equals(bool.get("boolval")));
        }
        Map<String, Object> decimal = map(constant.get("fval"));
        return decimal == null ? null : String.valueOf(decimal.get("fval"));
    }

    private static Boolean bool(Object value) {
        String text = constant(value);
        if (text == null) {
            return null;
        }
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        return isOn(normalized) ? Boolean.TRUE : Boolean.FALSE;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
