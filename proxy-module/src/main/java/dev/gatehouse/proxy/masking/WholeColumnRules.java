package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.sql.SourceColumn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that mask a column as a whole, and which one wins for a column: the first
 * catalog-column rule (in policy order) naming the column's origin, else the first name pattern
 * matching the name the client sees or the catalog column's name. The data path plans results
 * with it, and the application's dry run and coverage view decide the same way through it.
 */
public final class WholeColumnRules {

    private final List<MaskingRule> byCatalogColumn = new ArrayList<>();
    private final List<MaskingRule> byName = new ArrayList<>();

    /** @param rules a policy's rules in order; content rules are not whole-column rules and are skipped */
    public WholeColumnRules(List<MaskingRule> rules) {
        for (MaskingRule rule : rules) {
            switch (rule.target()) {
                case MaskTarget.Column column -> byCatalogColumn.add(rule);
                case MaskTarget.ColumnName name -> byName.add(rule);
                case MaskTarget.Content content -> {
                    // detectors apply to values, not columns
                }
            }
        }
    }

    public boolean anyByCatalogColumn() {
        return !byCatalogColumn.isEmpty();
    }

    public boolean any() {
        return !byCatalogColumn.isEmpty() || !byName.isEmpty();
    }

    /**
     * @param source the column's catalog name, or null for a computed column or one the catalog does not know
     * @return the winning rule, or null when none masks the column as a whole
     */
    public MaskingRule ruleFor(String visibleName, CatalogColumn source) {
        if (source != null) {
            for (MaskingRule rule : byCatalogColumn) {
                if (((MaskTarget.Column) rule.target()).column().equals(source)) {
                    return rule;
                }
            }
        }
        for (MaskingRule rule : byName) {
            Pattern pattern = ((MaskTarget.ColumnName) rule.target()).pattern();
            if (pattern.matcher(visibleName).matches() || source != null && pattern.matcher(source.column()).matches()) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The first rule (catalog columns first, then name patterns) that may cover a source column as
     * a statement names it (docs/adr/0018). A source without schema may be in any schema; a whole-row
     * source covers every rule on its table, and may hold a column any name pattern matches.
     */
    public MaskingRule ruleForSource(SourceColumn source) {
        for (MaskingRule rule : byCatalogColumn) {
            CatalogColumn column = ((MaskTarget.Column) rule.target()).column();
            if (column.table().equals(source.table()) && (source.schema() == null || source.schema().equals(column.schema()))
                    && (source.column() == null || source.column().equals(column.column()))) {
                return rule;
            }
        }
        for (MaskingRule rule : byName) {
            if (source.column() == null || ((MaskTarget.ColumnName) rule.target()).pattern().matcher(source.column()).matches()) {
                return rule;
            }
        }
        return null;
    }

    /** Every rule (catalog columns first, then names) that may cover the source, in policy order within each kind. */
    public List<MaskingRule> rulesForSource(SourceColumn source) {
        List<MaskingRule> rules = new ArrayList<>();
        for (MaskingRule rule : byCatalogColumn) {
            CatalogColumn column = ((MaskTarget.Column) rule.target()).column();
            if (column.table().equals(source.table()) && (source.schema() == null || source.schema().equals(column.schema()))
                    && (source.column() == null || source.column().equals(column.column()))) {
                rules.add(rule);
            }
        }
        for (MaskingRule rule : byName) {
            if (source.column() == null || ((MaskTarget.ColumnName) rule.target()).pattern().matcher(source.column()).matches()) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** The masked column names of a table as a statement names it (for keys inside whole-row JSON). */
    public Set<String> maskedColumnsOf(SourceColumn table) {
        Set<String> columns = new LinkedHashSet<>();
        for (MaskingRule rule : byCatalogColumn) {
            CatalogColumn column = ((MaskTarget.Column) rule.target()).column();
            if (column.table().equals(table.table()) && (table.schema() == null || table.schema().equals(column.schema()))) {
                columns.add(column.column());
            }
        }
        return columns;
    }

    /** The column-name patterns, which apply to keys inside whole-row JSON too. */
    public List<Pattern> namePatterns() {
        List<Pattern> patterns = new ArrayList<>();
        for (MaskingRule rule : byName) {
            patterns.add(((MaskTarget.ColumnName) rule.target()).pattern());
        }
        return patterns;
    }
}
