package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.StatementSelector;
import dev.gatehouse.proxy.policy.TablePattern;
import java.util.List;

/**
 * A draft that passed validation: the proxy's rule, plus the selectors and patterns in the order the
 * admin wrote them (the rule keeps them in sets, and the store should read back as written).
 */
public record ValidRule(GuardrailRule rule, boolean enabled, List<StatementSelector> statementSelectors,
        List<TablePattern> tablePatterns) {
}
