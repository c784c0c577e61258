package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The evaluation order, in one place: a connection's own enabled rules by position, then the
 * enabled global rules by position. The engine takes the first rule that matches, so a connection
 * can make an exception to a global rule (an ALLOW above a global DENY), and a global rule can never
 * hide a connection's stricter one.
 */
public final class EffectiveRules {

    private EffectiveRules() {
    }

    public static RuleSet of(List<StoredRule> connectionRules, List<StoredRule> globalRules, boolean allowUnparseable) {
        List<GuardrailRule> rules = new ArrayList<>();
        rules.addAll(enabledInOrder(connectionRules));
        rules.addAll(enabledInOrder(globalRules));
        return new RuleSet(rules, allowUnparseable);
    }

    private static List<GuardrailRule> enabledInOrder(List<StoredRule> rules) {
        return rules.stream().filter(StoredRule::enabled).sorted(Comparator.comparingInt(StoredRule::position))
                .map(StoredRule::toRule).toList();
    }
}
