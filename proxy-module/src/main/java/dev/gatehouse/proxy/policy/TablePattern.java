package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.sql.TableRef;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema and table pattern, each an exact name or a glob with {@code *}: {@code payments.*},
 * {@code *.card_numbers}. Names compare as PostgreSQL resolved them (unquoted names are lower
 * case). Which schema an unqualified reference is in depends on the session's search_path: see
 * {@link #matches(TableRef, SchemaScope, boolean)}.
 */
public record TablePattern(String schema, String table) {

    public TablePattern {
        schema = schema == null || schema.isBlank() ? "*" : schema.trim();
        Objects.requireNonNull(table, "table");
        table = table.trim();
        if (table.isEmpty()) {
            throw new IllegalArgumentException("a table pattern needs a table name or *");
        }
    }

    /** {@code schema.table} or {@code table}; a quoted form is not needed, names are matched as stored. */
    public static TablePattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a table pattern needs a table name or *");
        }
        int dot = text.lastIndexOf('.');
        return dot < 0 ? new TablePattern("*", text) : new TablePattern(text.substring(0, dot), text.substring(dot + 1));
    }

    /** Whether the reference may be a table of this pattern, whatever the session's search_path. */
    public boolean matches(TableRef ref) {
        return matches(ref, SchemaScope.UNKNOWN, false);
    }

    /**
     * @param scope   the schemas the session's unqualified names may resolve in
     * @param allowing for a rule that lets a statement through: then every schema the reference may
     *                 resolve in must match (a name whose schema the gateway does not know only
     *                 matches a {@code *} schema); for any other rule one is enough
     */
    public boolean matches(TableRef ref, SchemaScope scope, boolean allowing) {
        if (!glob(table, ref.name())) {
            return false;
        }
        var candidates = scope.candidates(ref);
        if (candidates == null) {
            return !allowing || schema.equals("*");
        }
        for (String candidate : candidates) {
            if (glob(schema, candidate) != allowing) {
                return !allowing;
            }
        }
        return allowing;
    }

    private static boolean glob(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return value.matches(regex.toString());
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
