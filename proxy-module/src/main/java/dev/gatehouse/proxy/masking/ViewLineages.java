package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.sql.ColumnLineage;
import dev.gatehouse.proxy.sql.ColumnLineage.Kind;
import dev.gatehouse.proxy.sql.ColumnLineage.RowField;
import dev.gatehouse.proxy.sql.SourceColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lineage of every view's columns, from the views' definitions as the target's catalog holds
 * them (docs/adr/0018), so a source that is a view column is followed to the base columns the view
 * shows, through views of views. When the definitions could not be read, every lineage that passes
 * here is unknown (fail closed).
 */
public final class ViewLineages {

    /** No view known (or the gateway has no catalog): sources stay as the statement names them. */
    public static final ViewLineages NONE = new ViewLineages(Map.of(), null);

    /** Views nested deeper than this are not followed: the lineage becomes unknown. */
    private static final int MAX_DEPTH = 16;

    private final Map<String, List<ColumnLineage>> views;
    private final String unreadable;

    private ViewLineages(Map<String, List<ColumnLineage>> views, String unreadable) {
        this.views = Map.copyOf(views);
        this.unreadable = unreadable;
    }

    /** @param views each view's output columns, keyed {@code schema.view} */
    public static ViewLineages of(Map<String, List<ColumnLineage>> views) {
        return new ViewLineages(views, null);
    }

    public static ViewLineages unreadable(String reason) {
        return new ViewLineages(Map.of(), reason);
    }

    /** Why the views could not be read, or null. */
    public String unreadableReason() {
        return unreadable;
    }

    public boolean isEmpty() {
        return views.isEmpty() && unreadable == null;
    }

    /** The lineage of a result column whose origin the catalog names, when that origin is a view column; else null. */
    ColumnLineage ofOrigin(CatalogColumn origin) {
        List<ColumnLineage> view = views.get(origin.schema() + "." + origin.table());
        if (view == null) {
            return null;
        }
        return expand(new ColumnLineage(origin.column(), Kind.DIRECT, Set.of(new SourceColumn(origin.schema(), origin.table(),
                origin.column())), List.of(), false, false));
    }

    /** The lineage with every view source replaced by what the view's column comes from. */
    ColumnLineage expand(ColumnLineage lineage) {
        if (unreadable != null) {
            return new ColumnLineage(lineage.name(), Kind.DERIVED, lineage.sources(), List.of(), true, lineage.star());
        }
        if (views.isEmpty() || lineage.sources().isEmpty()) {
            return lineage;
        }
        return expand(lineage, 0);
    }

    private ColumnLineage expand(ColumnLineage lineage, int depth) {
        if (depth > MAX_DEPTH) {
            return new ColumnLineage(lineage.name(), Kind.DERIVED, lineage.sources(), List.of(), true, lineage.star());
        }
        boolean changed = false;
        boolean direct = lineage.kind() == Kind.DIRECT;
        boolean unknown = lineage.unknown();
        Set<SourceColumn> sources = new LinkedHashSet<>();
        for (SourceColumn source : lineage.sources()) {
            List<List<ColumnLineage>> matching = viewsNamed(source);
            if (matching.isEmpty()) {
                sources.add(source);
                continue;
            }
            changed = true;
            for (List<ColumnLineage> view : matching) {
                for (ColumnLineage column : view) {
                    if (source.column() == null || source.column().equals(column.name())) {
                        ColumnLineage inner = expand(column, depth + 1);
                        sources.addAll(inner.sources());
                        unknown |= inner.unknown();
                        direct &= inner.kind() == Kind.DIRECT || inner.kind() == Kind.CONSTANT;
                    }
                }
            }
        }
        List<RowField> fields = new ArrayList<>();
        for (RowField field : lineage.fields()) {
            List<List<ColumnLineage>> matching = viewsNamed(field.source());
            if (matching.isEmpty()) {
                fields.add(field);
                continue;
            }
            changed = true;
            for (List<ColumnLineage> view : matching) {
                for (ColumnLineage column : view) {
                    if (field.source().column() == null || field.source().column().equals(column.name())) {
                        for (SourceColumn inner : expand(column, depth + 1).sources()) {
                            fields.add(new RowField(field.key() != null ? field.key() : column.name(), inner, false));
                        }
                    }
                }
            }
        }
        if (!changed) {
            return lineage;
        }
        Kind kind = lineage.kind() == Kind.WHOLE_ROW ? Kind.WHOLE_ROW : direct ? Kind.DIRECT : Kind.DERIVED;
        return new ColumnLineage(lineage.name(), kind, sources, fields, unknown, lineage.star());
    }

    private List<List<ColumnLineage>> viewsNamed(SourceColumn source) {
        if (source.schema() != null) {
            List<ColumnLineage> view = views.get(source.schema() + "." + source.table());
            return view == null ? List.of() : List.of(view);
        }
        List<List<ColumnLineage>> found = new ArrayList<>();
        for (Map.Entry<String, List<ColumnLineage>> view : views.entrySet()) {
            if (view.getKey().endsWith("." + source.table()) && view.getKey().indexOf('.') == view.getKey().length() - source.table().length() - 1) {
                found.add(view.getValue());
            }
        }
        return found;
    }
}
