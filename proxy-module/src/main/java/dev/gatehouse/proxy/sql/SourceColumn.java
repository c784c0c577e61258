package dev.gatehouse.proxy.sql;

import java.util.Objects;

/**
 * A base column that an output value may come from, named as the statement names it: the schema is
 * null when the statement leaves it to the search path, and the column is null for "any column of
 * the table" (a whole-row reference, or a table whose columns were renamed by position).
 */
public record SourceColumn(String schema, String table, String column) {

    public SourceColumn {
        Objects.requireNonNull(table, "table");
    }

    public boolean wholeRow() {
        return column == null;
    }
}
