package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.sql.ColumnLineage;
import dev.gatehouse.proxy.sql.SourceColumn;
import dev.gatehouse.proxy.sql.StatementLineage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one result, which rule masks which column. The first rule that applies wins, in
 * this order: catalog-column rules (through the column's origin), then column-name patterns
 * (matched against the name the client sees and the catalog column's name), then the content
 * detectors on every textual column no column rule took. Pure and cheap: the data path runs it
 * once per result, not per row.
 */
public final class ColumnPlanner {

    private final WholeColumnRules wholeColumns;
    private final CellMasker cells;

    public ColumnPlanner(MaskingPolicy policy, CellMasker cells) {
        this.cells = cells;
        this.wholeColumns = new WholeColumnRules(policy.rules());
    }

    /** Whether some rule names a catalog column (it cannot apply without the catalog). */
    public boolean hasCatalogColumnRules() {
        return wholeColumns.anyByCatalogColumn();
    }

    /** Whether some rule looks at columns rather than content (COPY data has no column names to offer). */
    public boolean hasColumnRules() {
        return wholeColumns.any();
    }

    /** The origins whose catalog names the plan needs: none when no rule looks at catalog names. */
    public Set<ColumnOrigin> originsToResolve(List<ResultColumn> columns) {
        if (!wholeColumns.any()) {
            return Set.of();
        }
        Set<ColumnOrigin> origins = new LinkedHashSet<>();
        for (ResultColumn column : columns) {
            if (!column.origin().computed()) {
                origins.add(column.origin());
            }
        }
        return origins;
    }

    /** Plans by the columns' origins alone (no statement known): the planning before lineage. */
    public ResultPlan plan(List<ResultColumn> columns, Map<ColumnOrigin, CatalogColumn> names) {
        List<ColumnPlan> touched = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnPlan plan = byOrigin(i, columns.get(i), names);
            if (plan != null) {
                touched.add(plan);
            }
        }
        return new ResultPlan(columns.size(), touched);
    }

    /**
     * Plans by origin and by lineage (docs/adr/0018). A column whose origin has a rule keeps that
     * rule. Otherwise its lineage decides: direct from a masked column takes the column's rule;
     * derived from one gets a safe whole value for its type; a JSON structure of whole rows gets
     * its masked fields replaced inside; a column the gateway could not follow is masked whole
     * whenever the policy has column rules. Columns that depend on nothing masked are scanned by
     * the content detectors as before.
     *
     * @param lineage the statement's lineage, or null when the statement is not known (fail closed)
     */
    public ResultPlan plan(List<ResultColumn> columns, Map<ColumnOrigin, CatalogColumn> names, StatementLineage lineage) {
        return plan(columns, names, lineage, ViewLineages.NONE);
    }

    /** @param views the lineage of the target's views, through which sources that are view columns are followed */
    public ResultPlan plan(List<ResultColumn> columns, Map<ColumnOrigin, CatalogColumn> names, StatementLineage lineage,
            ViewLineages views) {
        if (!wholeColumns.any()) {
            return plan(columns, names); // only detectors: lineage changes nothing
        }
        List<ColumnLineage> lineages = LineageColumns.expand(lineage, columns);
        List<ColumnPlan> touched = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            CatalogColumn source = column.origin().computed() ? null : names.get(column.origin());
            ColumnPlan plan;
            if (wholeColumns.ruleFor(column.name(), source) != null) {
                touched.add(byOrigin(i, column, names));
                continue;
            }
            ColumnLineage followed = views.expand(lineages.get(i));
            ColumnLineage ofView = source == null ? null : views.ofOrigin(source);
            if (ofView == null && !column.origin().computed() && column.origin().attributeNumber() > 0) {
                // The target reports an origin only for a plain reference to a stored column: the value
                // is that column's own, and the rules on it (none here) decide. Attribute 0 is a
                // whole-row reference (SELECT c FROM t c): that is the whole row, lineage decides.
                plan = byOrigin(i, column, names);
                if (plan != null) {
                    touched.add(plan);
                }
                continue;
            }
            if (ofView != null) {
                // A view's column: the target names the view, its definition names the base columns.
                followed = ofView;
                source = null;
            }
            plan = byLineage(i, column, followed, source);
            if (plan == null) {
                plan = byOrigin(i, column, names);
            }
            if (plan != null) {
                touched.add(plan);
            }
        }
        return new ResultPlan(columns.size(), touched);
    }

    /**
     * Why the result of a statement must be withheld because its predicates read a column whose
     * rule denies filtering on it (opt-in, docs/adr/0018), or null. Names the rule.
     */
    public String predicateRefusal(StatementLineage lineage, ViewLineages views) {
        if (lineage == null) {
            return null;
        }
        for (SourceColumn read : lineage.filters()) {
            ColumnLineage followed = views.expand(new ColumnLineage(read.column() == null ? "?column?" : read.column(),
                    ColumnLineage.Kind.DIRECT, Set.of(read), List.of(), false, false));
            for (SourceColumn source : followed.sources()) {
                for (MaskingRule rule : wholeColumns.rulesForSource(source)) {
                    if (rule.denyPredicates()) {
                        return "the statement filters or orders on " + describe(source) + ", which masking rule \"" + rule.name()
                                + "\" protects against guessing; select without a predicate on it";
                    }
                }
            }
        }
        return null;
    }

    private ColumnPlan byOrigin(int i, ResultColumn column, Map<ColumnOrigin, CatalogColumn> names) {
        CatalogColumn source = column.origin().computed() ? null : names.get(column.origin());
        MaskingRule rule = wholeColumns.ruleFor(column.name(), source);
        boolean scan = rule == null && cells.scans() && cells.textual(column.typeOid());
        if (rule == null && !scan) {
            return null;
        }
        String label = source != null ? source.qualifiedName() : column.name();
        return new ColumnPlan(i, label, column.typeOid(), column.binary(), rule, scan);
    }

    /** Null when lineage finds nothing masked: the origin's planning applies. */
    private ColumnPlan byLineage(int i, ResultColumn column, ColumnLineage lineage, CatalogColumn origin) {
        if (lineage.kind() == ColumnLineage.Kind.CONSTANT && !lineage.unknown()) {
            return null;
        }
        MaskingRule matched = null;
        SourceColumn matchedSource = null;
        for (SourceColumn candidate : lineage.sources()) {
            matched = wholeColumns.ruleForSource(candidate);
            if (matched != null) {
                matchedSource = candidate;
                break;
            }
        }
        boolean scan = cells.scans() && cells.textual(column.typeOid());
        if (matched == null && !lineage.unknown()) {
            return null;
        }
        if (matched == null) {
            MaskingRule closed = new MaskingRule("lineage-unknown", "unknown lineage (fail closed)", ANY_COLUMN, wholeValue(column.typeOid()));
            return new ColumnPlan(i, column.name() + " (unknown lineage)", column.typeOid(), column.binary(), closed, false);
        }
        String from = describe(matchedSource);
        switch (lineage.kind()) {
            case DIRECT -> {
                return new ColumnPlan(i, from + " (direct)", column.typeOid(), column.binary(), matched, false);
            }
            case WHOLE_ROW -> {
                if (!lineage.unknown() && (column.typeOid() == PgTypes.JSON || column.typeOid() == PgTypes.JSONB)) {
                    JsonFieldMask fields = fieldsOf(lineage, matched);
                    return new ColumnPlan(i, column.name() + " (whole-row: " + from + ")", column.typeOid(), column.binary(), null,
                            scan, fields);
                }
            }
            default -> {
            }
        }
        MaskingRule derived = new MaskingRule(matched.id(), matched.name(), matched.target(), wholeValue(column.typeOid()));
        String kind = lineage.kind() == ColumnLineage.Kind.WHOLE_ROW ? "whole-row" : "derived";
        return new ColumnPlan(i, column.name() + " (" + kind + " from " + from + ")", column.typeOid(), column.binary(), derived, false);
    }

    private static final MaskTarget ANY_COLUMN = new MaskTarget.ColumnName(java.util.regex.Pattern.compile(".*"));

    /** A derived value is replaced whole: the placeholder where the type holds one, else NULL. */
    static MaskMethod wholeValue(int typeOid) {
        MaskMethod redact = new MaskMethod.Redact(JsonFieldMask.PLACEHOLDER.substring(1, JsonFieldMask.PLACEHOLDER.length() - 1));
        return ValueMasker.supports(typeOid, redact) ? redact : new MaskMethod.Nullify();
    }

    private JsonFieldMask fieldsOf(ColumnLineage lineage, MaskingRule matched) {
        Set<String> keys = new LinkedHashSet<>();
        for (ColumnLineage.RowField field : lineage.fields()) {
            if (field.key() == null) {
                keys.addAll(wholeColumns.maskedColumnsOf(field.source()));
            } else if (wholeColumns.ruleForSource(field.source()) != null) {
                keys.add(field.key());
            }
        }
        return new JsonFieldMask(keys, wholeColumns.namePatterns(), matched);
    }

    private static String describe(SourceColumn source) {
        return (source.schema() == null ? "" : source.schema() + ".") + source.table() + "." + (source.column() == null ? "*" : source.column());
    }
}
