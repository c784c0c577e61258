package dev.gatehouse.proxy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WholeColumnRulesTest {

    private static final CatalogColumn SSN = new CatalogColumn("public", "customers", "ssn");
    private final MaskingRule byName = rule("by-name", new MaskTarget.ColumnName(Pattern.compile("(?i).*ssn.*")));
    private final MaskingRule byColumn = rule("by-column", new MaskTarget.Column(SSN));
    private final MaskingRule content = rule("content", new MaskTarget.Content(new Detector.BuiltIn(Detector.Kind.US_SSN)));

    @Test
    void aCatalogColumnRuleWinsOverANameRuleWhateverTheOrder() {
        assertThat(new WholeColumnRules(List.of(byName, byColumn)).ruleFor("tax_id", SSN)).isSameAs(byColumn);
    }

    @Test
    void aNameRuleMatchesTheVisibleNameOrTheSourceColumnsName() {
        assertThat(new WholeColumnRules(List.of(byName)).ruleFor("customer_ssn", null)).isSameAs(byName);
        assertThat(new WholeColumnRules(List.of(byName)).ruleFor("alias", SSN)).as("through an alias").isSameAs(byName);
        assertThat(new WholeColumnRules(List.of(byName)).ruleFor("alias", null)).isNull();
    }

    @Test
    void contentRulesAreNotColumnRules() {
        assertThat(new WholeColumnRules(List.of(content)).ruleFor("ssn", SSN)).isNull();
    }

    private static MaskingRule rule(String name, MaskTarget target) {
        return new MaskingRule(name, name, target, new MaskMethod.Hash());
    }
}
