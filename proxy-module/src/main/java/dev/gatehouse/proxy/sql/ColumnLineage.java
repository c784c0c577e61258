package dev.gatehouse.proxy.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the values of one output column come from (docs/adr/0018).
 *
 * @param name    the column's output name as PostgreSQL would choose it (an alias, the column's name, the function's)
 * @param kind    how the value relates to its sources
 * @param sources every base column it may be computed from; empty for constants
 * @param fields  for {@link Kind#WHOLE_ROW}: the keys of the structure and what each holds
 * @param unknown the gateway could not follow it (an unresolvable name, a routine it cannot read): treat as
 *                derived from everything the statement reads
 * @param star    a {@code *} over a table of unknown width: stands for as many output columns as the table has
 */
public record ColumnLineage(String name, Kind kind, Set<SourceColumn> sources, List<RowField> fields, boolean unknown, boolean star) {

    public enum Kind {
        /** Depends on no column (a literal, {@code now()}, {@code count(*)}, a masking-preserving aggregate). */
        CONSTANT,
        /** The source column's own value, unchanged. */
        DIRECT,
        /** Computed from its sources: any function, operator, cast or aggregate over them. */
        DERIVED,
        /** A structure holding whole rows ({@code row_to_json(c)}, {@code json_agg(c)}, {@code to_jsonb(c)}): fields can be masked inside it. */
        WHOLE_ROW
    }

    /**
     * One key of a whole-row structure.
     *
     * @param key    the key as it appears in the structure; null: the source table's own column names
     * @param source what the key's value comes from
     * @param direct whether the value is the source's own value
     */
    public record RowField(String key, SourceColumn source, boolean direct) {
    }

    public ColumnLineage {
        sources = Set.copyOf(new LinkedHashSet<>(sources));
        fields = List.copyOf(fields);
    }

    static final ColumnLineage CONSTANT = new ColumnLineage("?column?", Kind.CONSTANT, Set.of(), List.of(), false, false);

    ColumnLineage named(String newName) {
        return new ColumnLineage(newName, kind, sources, fields, unknown, star);
    }

    boolean dependsOnAnything() {
        return unknown || !sources.isEmpty();
    }
}
