package dev.gatehouse.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.policy.GuardrailRule;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What is stored reads back as the same rule the validator built, so the data path evaluates what the admin saved. */
class StoredRuleTest {

    @Test
    void storedTextTurnsBackIntoTheSameRule() {
        ValidRule valid = RuleValidator.validate(new RuleDraft("c", "all-of-it", "REQUIRE_APPROVAL", false, List.of("DELETE", "DROP:TABLE"),
                false, List.of("payments.*", "orders"), true, List.of("dblink"), true,
                new RuleDraft.IdentityDraft(List.of("HUMAN", "AGENT"), List.of("gatehouse-user"), List.of("ci-agent")),
                new RuleDraft.WindowDraft(List.of("SATURDAY"), "22:00", "06:00", "Europe/Zurich", true), "ask first", "dba"));
        StoredRule stored = new StoredRule(UUID.randomUUID(), "alice", Instant.now());
        stored.apply(valid, "alice", Instant.now());

        GuardrailRule back = stored.toRule();
        assertThat(back).isEqualTo(valid.rule());
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.statements()).containsExactly("DELETE", "DROP:TABLE");
        assertThat(stored.tables()).containsExactly("payments.*", "*.orders");
        assertThat(GuardrailSummary.conditions(stored)).contains("DELETE, DROP:TABLE").contains("on payments.*, *.orders")
                .contains("outside SATURDAY 22:00-06:00 Europe/Zurich");
    }

    @Test
    void packRuleNamesAreKeptWhenFreeAndNumberedWhenTaken() {
        assertThat(DefaultGuardrailCatalog.freeName("read-only", Set.of())).isEqualTo("read-only");
        assertThat(DefaultGuardrailCatalog.freeName("read-only", Set.of("read-only", "read-only-2"))).isEqualTo("read-only-3");
        assertThat(DefaultGuardrailCatalog.freeName("x".repeat(63), Set.of("x".repeat(63)))).hasSize(63).endsWith("-2");
    }
}
