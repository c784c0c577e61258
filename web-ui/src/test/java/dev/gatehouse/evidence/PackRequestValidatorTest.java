package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackRequestValidatorTest {

    private static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");

    private final PackRequestValidator validator = new PackRequestValidator(Set.of("payments-db", "ledger")::contains);

    @Test
    void aValidRequestBecomesItsScopeWithEveryControlWhenNoneAreNamed() {
        PackScope scope = validator.validate(new PackRequest(JAN, APR, List.of(" payments-db ", "payments-db"), List.of("env=prod"), null), NOW);

        assertThat(scope.from()).isEqualTo(JAN);
        assertThat(scope.to()).isEqualTo(APR);
        assertThat(scope.connections()).containsExactly("payments-db");
        assertThat(scope.labels()).containsExactly("env=prod");
        assertThat(scope.controls()).containsExactlyInAnyOrder(FfiecControl.values());
    }

    @Test
    void namedControlsAreTheScopeWhateverTheirCase() {
        PackScope scope = validator.validate(new PackRequest(JAN, APR, List.of(), List.of(), List.of("c2", "C9")), NOW);

        assertThat(scope.controls()).containsExactlyInAnyOrder(FfiecControl.C2, FfiecControl.C9);
        assertThat(scope.allConnections()).isTrue();
    }

    @Test
    void bothBoundsAreRequired() {
        assertThat(errors(new PackRequest(null, null, null, null, null)))
                .extracting(FieldError::field).containsExactly("from", "to");
    }

    @Test
    void thePeriodMustEndAfterItStarts() {
        assertThat(errors(new PackRequest(APR, JAN, null, null, null)))
                .containsExactly(new FieldError("to", "the period must end after it starts"));
        assertThat(errors(new PackRequest(JAN, JAN, null, null, null))).extracting(FieldError::field).containsExactly("to");
    }

    @Test
    void thePeriodMayEndUpToADayFromNowButNotLater() {
        assertThat(validator.validate(new PackRequest(JAN, NOW.plus(Duration.ofDays(1)), null, null, null), NOW).to())
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(errors(new PackRequest(JAN, NOW.plus(Duration.ofDays(1)).plusSeconds(1), null, null, null)))
                .containsExactly(new FieldError("to", "the period must not end more than a day from now"));
    }

    @Test
    void thePeriodIsAtMostThreeYears() {
        Instant threeYearsBefore = Instant.parse("2023-05-10T00:00:00Z");
        Instant end = Instant.parse("2026-05-10T00:00:00Z");
        assertThat(validator.validate(new PackRequest(threeYearsBefore, end, null, null, null), NOW).from()).isEqualTo(threeYearsBefore);
        assertThat(errors(new PackRequest(threeYearsBefore.minusSeconds(1), end, null, null, null)))
                .containsExactly(new FieldError("from", "the period must not be longer than 3 years"));
    }

    @Test
    void unknownConnectionsAreNamedEachInItsOwnError() {
        assertThat(errors(new PackRequest(JAN, APR, List.of("ledger", "ghost", "typo-db"), null, null)))
                .containsExactly(new FieldError("connections", "no connection named 'ghost' is known"),
                        new FieldError("connections", "no connection named 'typo-db' is known"));
    }

    @Test
    void labelsMustBeKeyEqualsValue() {
        assertThat(errors(new PackRequest(JAN, APR, null, List.of("env=prod", "prod", "=x", "Env=prod", "team="), null)))
                .extracting(FieldError::message)
                .containsExactly("'prod' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')",
                        "'=x' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')",
                        "'Env=prod' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')",
                        "'team=' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')");
    }

    @Test
    void controlsMustBeC1ToC15AndAtLeastOne() {
        assertThat(errors(new PackRequest(JAN, APR, null, null, List.of("C1", "C16", "A7"))))
                .containsExactly(new FieldError("controls", "'C16' is not a control (C1 to C15)"),
                        new FieldError("controls", "'A7' is not a control (C1 to C15)"));
        assertThat(errors(new PackRequest(JAN, APR, null, null, List.of())))
                .containsExactly(new FieldError("controls", "choose at least one control"));
    }

    @Test
    void everyFieldErrorIsReportedAtOnce() {
        assertThat(errors(new PackRequest(null, APR, List.of("ghost"), List.of("bad"), List.of("C0"))))
                .extracting(FieldError::field).containsExactly("from", "connections", "labels", "controls");
    }

    private List<FieldError> errors(PackRequest request) {
        return catchThrowableOfType(ValidationFailedException.class, () -> validator.validate(request, NOW)).errors();
    }
}
