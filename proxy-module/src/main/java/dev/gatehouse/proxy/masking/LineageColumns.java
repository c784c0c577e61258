package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.sql.ColumnLineage;
import dev.gatehouse.proxy.sql.SourceColumn;
import dev.gatehouse.proxy.sql.StatementLineage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairs a statement's lineage with the columns its result really has: a {@code *} over a table
 * stands for as many columns as the result leaves for it, each named by the result. When the
 * pairing is not certain (two stars, a width that does not add up, an unknown statement) every
 * column gets an unknown lineage, which the planner masks wherever a rule could apply.
 */
final class LineageColumns {

    private LineageColumns() {
    }

    /** @param lineage null when the statement is not known */
    static List<ColumnLineage> expand(StatementLineage lineage, List<ResultColumn> columns) {
        if (lineage == null || !lineage.known()) {
            return unknown(columns.size(), Set.of());
        }
        List<ColumnLineage> declared = lineage.columns();
        if (declared.isEmpty()) {
            return constant(columns.size()); // SHOW, EXPLAIN and other rows that hold no table data
        }
        int stars = 0;
        for (ColumnLineage column : declared) {
            stars += column.star() ? 1 : 0;
        }
        int width = columns.size() - (declared.size() - stars);
        if (stars == 0 && declared.size() == columns.size()) {
            return declared;
        }
        if (stars != 1 || width < 0) {
            Set<SourceColumn> all = new LinkedHashSet<>();
            declared.forEach(column -> all.addAll(column.sources()));
            return unknown(columns.size(), all);
        }
        List<ColumnLineage> out = new ArrayList<>(columns.size());
        for (ColumnLineage column : declared) {
            if (!column.star()) {
                out.add(column);
                continue;
            }
            for (int i = 0; i < width; i++) {
                out.add(starColumn(column, columns.get(out.size()).name()));
            }
        }
        return out;
    }

    /** One column of {@code t.*}: the table's column of the name the result shows. */
    private static ColumnLineage starColumn(ColumnLineage star, String name) {
        if (star.kind() == ColumnLineage.Kind.DIRECT && star.sources().size() == 1) {
            SourceColumn table = star.sources().iterator().next();
            return new ColumnLineage(name, ColumnLineage.Kind.DIRECT, Set.of(new SourceColumn(table.schema(), table.table(), name)),
                    List.of(), false, false);
        }
        return new ColumnLineage(name, star.kind(), star.sources(), star.fields(), star.unknown(), false);
    }

    private static List<ColumnLineage> unknown(int count, Set<SourceColumn> sources) {
        List<ColumnLineage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new ColumnLineage("?column?", ColumnLineage.Kind.DERIVED, sources, List.of(), true, false));
        }
        return out;
    }

    private static List<ColumnLineage> constant(int count) {
        List<ColumnLineage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new ColumnLineage("?column?", ColumnLineage.Kind.CONSTANT, Set.of(), List.of(), false, false));
        }
        return out;
    }
}
