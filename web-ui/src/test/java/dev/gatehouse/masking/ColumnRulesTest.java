package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.Detector;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.MaskingRule;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ColumnRulesTest {

    private static final CatalogColumn SSN = new CatalogColumn("public", "customers", "ssn");
    private final MaskingRule byName = rule("by-name", new MaskTarget.ColumnName(Pattern.compile("(?i).*ssn.*")));
    private final MaskingRule byColumn = rule("by-column", new MaskTarget.Column(SSN));
    private final MaskingRule content = rule("content", new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)));

    @Test
    void aCatalogColumnRuleWinsOverANameRuleWhateverTheOrder() {
        assertThat(ColumnRules.ruleFor(List.of(byName, byColumn), "tax_id", SSN)).contains(byColumn);
    }

    @Test
    void aNameRuleMatchesTheVisibleNameOrTheSourceColumnsName() {
        assertThat(ColumnRules.ruleFor(List.of(byName), "customer_ssn", null)).contains(byName);
        assertThat(ColumnRules.ruleFor(List.of(byName), "alias", SSN)).as("through an alias").contains(byName);
        assertThat(ColumnRules.ruleFor(List.of(byName), "alias", null)).isEmpty();
    }

    @Test
    void contentRulesAreNotColumnRules() {
        assertThat(ColumnRules.ruleFor(List.of(content), "ssn", SSN)).isEmpty();
    }

    private static MaskingRule rule(String name, MaskTarget target) {
        return new MaskingRule(name, name, target, new MaskMethod.Hash());
    }
}
