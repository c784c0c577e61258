package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.sql.TableRef;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema and table pattern, each an exact name or a glob with {@code *}: {@code payments.*},
 * {@code *.card_numbers}. Names compare as PostgreSQL resolved them (unquoted names are lower
 * case). A reference the statement did not schema-qualify matches any schema, because the
 * target's search_path, not the text, decides which table it is.
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

    public boolean matches(TableRef ref) {
        boolean schemaMatches = ref.schema() == null || glob(schema, ref.schema());
        return schemaMatches && glob(table, ref.name());
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
