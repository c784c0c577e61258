package dev.gatehouse.masking;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingRule;
import java.util.List;
import java.util.Optional;

/**
 * Which rule masks a whole column, decided as the data path decides it: the first catalog-column
 * rule (in policy order) naming the column's origin; else the first column-name rule matching the
 * name the client sees or the source column's name. Content rules are not column rules; they apply
 * to text values no column rule took.
 */
public final class ColumnRules {

    private ColumnRules() {
    }

    public static Optional<MaskingRule> ruleFor(List<MaskingRule> policyRules, String resultName, CatalogColumn origin) {
        if (origin != null) {
            for (MaskingRule rule : policyRules) {
                if (rule.target() instanceof MaskTarget.Column column && column.column().equals(origin)) {
                    return Optional.of(rule);
                }
            }
        }
        for (MaskingRule rule : policyRules) {
            if (rule.target() instanceof MaskTarget.ColumnName byName
                    && (byName.pattern().matcher(resultName).matches() || origin != null && byName.pattern().matcher(origin.column()).matches())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
