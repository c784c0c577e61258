package dev.gatehouse.proxy.policy;

import java.util.Objects;

/**
 * One guardrail rule. Rules are evaluated in order and the first that matches decides.
 *
 * @param name          what error messages, recordings and reports call it; unique in its scope
 * @param message       the reason shown to a blocked client (optional)
 * @param approvalChain for {@link RuleAction#REQUIRE_APPROVAL}: the chain that approves
 */
public record GuardrailRule(String name, RuleAction action, RuleMatch match, String message, String approvalChain) {

    public GuardrailRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(match, "match");
    }
}
