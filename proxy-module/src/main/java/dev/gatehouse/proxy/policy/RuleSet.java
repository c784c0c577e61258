package dev.gatehouse.proxy.policy;

import java.util.List;

/**
 * The rules in force on one connection: its own rules first, then the global ones, in order.
 * An empty set means guardrails are off for the connection, and nothing is parsed.
 *
 * @param allowUnparseable let statements the parser refuses through instead of denying them
 *                         (off by default: fail closed)
 */
public record RuleSet(List<GuardrailRule> rules, boolean allowUnparseable) {

    public static final RuleSet NONE = new RuleSet(List.of(), false);

    public RuleSet {
        rules = List.copyOf(rules);
    }

    public boolean guarded() {
        return !rules.isEmpty();
    }

    /** Whether a decision under these rules can change with the time of day (a rule has a window). */
    public boolean timeDependent() {
        for (GuardrailRule rule : rules) {
            if (rule.match().window() != null) {
                return true;
            }
        }
        return false;
    }
}
