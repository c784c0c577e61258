package dev.gatehouse.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExemptionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final UUID RULE = UUID.randomUUID();

    @Test
    void aGrantForADurationStartsNowAndEndsThen() {
        ValidExemption valid = validate(new ExemptionDraft(null, "eve", "payments", List.of(RULE.toString()), "ticket 42", null, null, 30));
        assertThat(valid.startsAt()).isEqualTo(NOW);
        assertThat(valid.endsAt()).isEqualTo(NOW.plusSeconds(1800));
        assertThat(valid.ruleIds()).containsExactly(RULE);
        assertThat(valid.connection()).isEqualTo("payments");
    }

    @Test
    void everyGrantNamesWhomWhyAndWhenItEnds() {
        assertRefused(new ExemptionDraft(null, null, "*", List.of(), null, null, null, null), "username", "reason", "endsAt");
    }

    @Test
    void periodsMustBeOrderedInTheFutureAndBounded() {
        assertRefused(new ExemptionDraft(null, "eve", "*", List.of(), "r", "2026-01-05T12:00:00Z", "2026-01-05T11:00:00Z", null), "endsAt");
        assertRefused(new ExemptionDraft(null, "eve", "*", List.of(), "r", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", null), "endsAt");
        assertRefused(new ExemptionDraft(null, "eve", "*", List.of(), "r", null, null, 60 * 24 * 91), "endsAt");
        assertRefused(new ExemptionDraft(null, "eve", "*", List.of(), "r", "tomorrow", null, 5), "startsAt");
    }

    @Test
    void unknownRulesAndConnectionsAreRefused() {
        assertRefused(new ExemptionDraft(null, "eve", "nowhere", List.of(UUID.randomUUID().toString(), "not-a-uuid"), "r", null, null, 5),
                "connection", "ruleIds");
    }

    private static ValidExemption validate(ExemptionDraft draft) {
        return ExemptionValidator.validate(draft, NOW, Set.of("payments")::contains, Set.of(RULE)::contains);
    }

    private static void assertRefused(ExemptionDraft draft, String... fields) {
        assertThatThrownBy(() -> validate(draft)).isInstanceOfSatisfying(ValidationFailedException.class,
                e -> assertThat(e.errors()).extracting(error -> error.field()).contains(fields));
    }
}
