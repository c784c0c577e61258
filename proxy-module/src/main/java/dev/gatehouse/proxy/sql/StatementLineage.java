package dev.gatehouse.proxy.sql;

import java.util.List;
import java.util.Set;

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
 * @param filters       base columns its WHERE, JOIN ... ON, HAVING and ORDER BY clauses read
 */
public record StatementLineage(List<ColumnLineage> columns, String unknownReason, String cursor, String fetches,
        String prepared, String executes, Set<SourceColumn> filters) {

    public StatementLineage {
        columns = List.copyOf(columns);
        filters = filters == null ? Set.of() : Set.copyOf(filters);
    }

    public StatementLineage(List<ColumnLineage> columns, String unknownReason, String cursor, String fetches, String prepared,
            String executes) {
        this(columns, unknownReason, cursor, fetches, prepared, executes, Set.of());
    }

    /** The same lineage, noting the base columns its WHERE, JOIN ... ON, HAVING and ORDER BY read. */
    StatementLineage filtering(Set<SourceColumn> read) {
        return new StatementLineage(columns, unknownReason, cursor, fetches, prepared, executes, read);
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
