package dev.gatehouse.proxy.sql;

import java.util.List;

/**
 * The lineage of the rows one statement returns, computed from its parse tree alone and cached with
 * the statement's analysis (so per statement shape). Catalog facts (which relation is a view, the
 * width of a {@code *}) are applied when a result is planned.
 *
 * @param columns       per output column, in order; a {@link ColumnLineage#star()} entry stands for several
 * @param unknownReason why no column could be followed, or null: every computed column is then treated as
 *                      derived from every table
 * @param cursor        for DECLARE: the cursor whose rows these are
 * @param fetches       for FETCH/MOVE: the cursor whose lineage applies
 * @param prepared      for PREPARE: the SQL-level prepared statement whose rows these are
 * @param executes      for EXECUTE: the prepared statement whose lineage applies
 */
public record StatementLineage(List<ColumnLineage> columns, String unknownReason, String cursor, String fetches,
        String prepared, String executes) {

    public StatementLineage {
        columns = List.copyOf(columns);
    }

    public static StatementLineage unknown(String reason) {
        return new StatementLineage(List.of(), reason, null, null, null, null);
    }

    static StatementLineage of(List<ColumnLineage> columns) {
        return new StatementLineage(columns, null, null, null, null, null);
    }

    /** A statement whose rows depend on no table data (SHOW, EXPLAIN, utility statements). */
    public static final StatementLineage NO_TABLE_DATA = of(List.of());

    public boolean known() {
        return unknownReason == null;
    }
}
