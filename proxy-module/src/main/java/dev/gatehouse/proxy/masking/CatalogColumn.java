package dev.gatehouse.proxy.masking;

import java.util.Locale;
import java.util.Objects;

/** A column as the target's catalog names it. Names compare as PostgreSQL stores them (case-sensitive). */
public record CatalogColumn(String schema, String table, String column) {

    public CatalogColumn {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    /** {@code schema.table.column}, as shown in the UI, the audit trail and statement evidence. */
    public String qualifiedName() {
        return schema + "." + table + "." + column;
    }

    @Override
    public String toString() {
        return qualifiedName().toLowerCase(Locale.ROOT).equals(qualifiedName()) ? qualifiedName() : "\"" + qualifiedName() + "\"";
    }
}
