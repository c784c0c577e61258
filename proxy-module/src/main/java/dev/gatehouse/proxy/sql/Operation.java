package dev.gatehouse.proxy.sql;

import java.util.List;
import java.util.Objects;

/**
 * One thing a statement does. A plain {@code DELETE} is one operation; {@code WITH d AS (DELETE
 * ...) SELECT ...} is two (the SELECT and the DELETE); {@code ALTER TABLE t DROP COLUMN c} is an
 * ALTER of a table and a DROP of a column. Rules match operations, so a write hidden inside a read
 * is still a write.
 *
 * @param kind           the object kind for DDL, else null
 * @param tables         for writes and DDL: the relations written or changed; for reads: those read
 * @param unboundedWrite an UPDATE or DELETE with no WHERE clause, or one that is always true
 */
public record Operation(StatementClass statementClass, ObjectKind kind, List<TableRef> tables, boolean unboundedWrite) {

    public Operation {
        Objects.requireNonNull(statementClass, "statementClass");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    public static Operation of(StatementClass statementClass) {
        return new Operation(statementClass, null, List.of(), false);
    }

    @Override
    public String toString() {
        return statementClass + (kind == null ? "" : " " + kind) + (tables.isEmpty() ? "" : " " + tables)
                + (unboundedWrite ? " (unbounded)" : "");
    }
}
