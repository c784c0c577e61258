package dev.gatehouse.proxy.masking;

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

    private final List<MaskingRule> columnRules = new ArrayList<>();
    private final List<MaskingRule> nameRules = new ArrayList<>();
    private final CellMasker cells;

    public ColumnPlanner(MaskingPolicy policy, CellMasker cells) {
        this.cells = cells;
        for (MaskingRule rule : policy.rules()) {
            switch (rule.target()) {
                case MaskTarget.Column column -> columnRules.add(rule);
                case MaskTarget.ColumnName name -> nameRules.add(rule);
                case MaskTarget.Content content -> {
                    // the scanner holds these
                }
            }
        }
    }

    /** Whether some rule names a catalog column (it cannot apply without the catalog). */
    public boolean hasCatalogColumnRules() {
        return !columnRules.isEmpty();
    }

    /** Whether some rule looks at columns rather than content (COPY data has no column names to offer). */
    public boolean hasColumnRules() {
        return !columnRules.isEmpty() || !nameRules.isEmpty();
    }

    /** The origins whose catalog names the plan needs: none when no rule looks at catalog names. */
    public Set<ColumnOrigin> originsToResolve(List<ResultColumn> columns) {
        if (columnRules.isEmpty() && nameRules.isEmpty()) {
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

    /** @param names catalog names of the origins found; an origin missing here has none (computed, dropped) */
    public ResultPlan plan(List<ResultColumn> columns, Map<ColumnOrigin, CatalogColumn> names) {
        List<ColumnPlan> touched = new ArrayList<>();
        boolean scanning = cells.scans();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            CatalogColumn source = column.origin().computed() ? null : names.get(column.origin());
            MaskingRule rule = columnRule(source);
            if (rule == null) {
                rule = nameRule(column.name(), source);
            }
            boolean scan = rule == null && scanning && cells.textual(column.typeOid());
            if (rule != null || scan) {
                String label = source != null ? source.qualifiedName() : column.name();
                touched.add(new ColumnPlan(i, label, column.typeOid(), column.binary(), rule, scan));
            }
        }
        return new ResultPlan(columns.size(), touched);
    }

    private MaskingRule columnRule(CatalogColumn source) {
        if (source == null) {
            return null;
        }
        for (MaskingRule rule : columnRules) {
            if (((MaskTarget.Column) rule.target()).column().equals(source)) {
                return rule;
            }
        }
        return null;
    }

    private MaskingRule nameRule(String visibleName, CatalogColumn source) {
        for (MaskingRule rule : nameRules) {
            var pattern = ((MaskTarget.ColumnName) rule.target()).pattern();
            if (pattern.matcher(visibleName).matches() || source != null && pattern.matcher(source.column()).matches()) {
                return rule;
            }
        }
        return null;
    }
}
