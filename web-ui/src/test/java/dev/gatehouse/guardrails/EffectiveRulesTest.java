package dev.gatehouse.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.policy.GuardrailEngine;
import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EffectiveRulesTest {

    private static final UUID CONNECTION = UUID.randomUUID();

    @Test
    void connectionRulesComeBeforeGlobalRulesEachByPosition() {
        RuleSet set = EffectiveRules.of(
                List.of(rule("c-second", "DENY", CONNECTION, 2, true), rule("c-first", "ALLOW", CONNECTION, 1, true)),
                List.of(rule("g-second", "DENY", null, 2, true), rule("g-first", "DENY", null, 1, true)),
                false);
        assertThat(set.rules()).extracting(GuardrailRule::name).containsExactly("c-first", "c-second", "g-first", "g-second");
    }

    @Test
    void disabledRulesAreLeftOut() {
        RuleSet set = EffectiveRules.of(List.of(rule("off", "DENY", CONNECTION, 1, false)), List.of(rule("on", "DENY", null, 1, true)), true);
        assertThat(set.rules()).extracting(GuardrailRule::name).containsExactly("on");
        assertThat(set.allowUnparseable()).isTrue();
    }

    @Test
    void noRulesMeansNoGuardrails() {
        assertThat(EffectiveRules.of(List.of(), List.of(rule("off", "DENY", null, 1, false)), false).guarded()).isFalse();
    }

    @Test
    void aConnectionAllowWinsOverAGlobalDenyBecauseTheFirstMatchDecides() {
        RuleSet set = EffectiveRules.of(List.of(rule("allow-drop-here", "ALLOW", CONNECTION, 1, true)),
                List.of(rule("no-drop", "DENY", null, 1, true)), false);
        Identity who = new Identity("s", "alice", "cli", IdentityKind.HUMAN, Set.of(), Set.of(), null, null, null, "test");
        SqlAnalysis drop = SqlAnalysis.of(List.of(new AnalyzedStatement("DROP TABLE t", List.of(Operation.of(StatementClass.DROP)), Set.of(),
                false, false, null)));
        Decision decision = GuardrailEngine.decide(set, who, drop, Map.of(), Instant.now());
        assertThat(decision).isEqualTo(new Decision.Allow("allow-drop-here"));
    }

    static StoredRule rule(String name, String action, UUID connection, int position, boolean enabled) {
        StoredRule rule = new StoredRule(UUID.randomUUID(), "test", Instant.now());
        rule.apply(RuleValidator.validate(new RuleDraft(null, name, action, enabled, List.of("DROP"), false, List.of(), false, List.of(),
                false, null, null, null, null)), "test", Instant.now());
        rule.placeIn(connection, position);
        return rule;
    }
}
