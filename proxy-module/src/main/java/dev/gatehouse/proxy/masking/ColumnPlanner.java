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

    /** @param names catalog names of the origins found; an origin missing here has none (computed, dropped) */
    public ResultPlan plan(List<ResultColumn> columns, Map<ColumnOrigin, CatalogColumn> names) {
        List<ColumnPlan> touched = new ArrayList<>();
        boolean scanning = cells.scans();
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            CatalogColumn source = column.origin().computed() ? null : names.get(column.origin());
            MaskingRule rule = wholeColumns.ruleFor(column.name(), source);
            boolean scan = rule == null && scanning && cells.textual(column.typeOid());
            if (rule != null || scan) {
                String label = source != null ? source.qualifiedName() : column.name();
                touched.add(new ColumnPlan(i, label, column.typeOid(), column.binary(), rule, scan));
            }
        }
        return new ResultPlan(columns.size(), touched);
    }
}
