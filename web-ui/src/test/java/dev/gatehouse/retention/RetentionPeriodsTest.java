package dev.gatehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPeriodsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void theDefaultKeepsEverything400Days() {
        assertThat(RetentionPeriods.DEFAULT).isEqualTo(new RetentionPeriods(400, 400, 400));
    }

    @Test
    void cutoffsAreWholeDaysBeforeNow() {
        RetentionCutoffs cutoffs = new RetentionPeriods(30, 90, 400).cutoffs(NOW);

        assertThat(cutoffs.payload()).isEqualTo(Instant.parse("2026-10-27T12:00:00Z"));
        assertThat(cutoffs.recording()).isEqualTo(Instant.parse("2026-08-28T12:00:00Z"));
        assertThat(cutoffs.audit()).isEqualTo(Instant.parse("2025-10-22T12:00:00Z"));
    }

    @Test
    void theLongestPeriodStillGivesAnInstant() {
        assertThat(new RetentionPeriods(36_500, 36_500, 36_500).cutoffs(NOW).audit()).isEqualTo(Instant.parse("1926-12-21T12:00:00Z"));
    }

    @Test
    void equalPayloadAndRecordingPeriodsAreFine() {
        assertThat(new RetentionPeriods(1, 1, 1).payloadDays()).isEqualTo(1);
    }

    @Test
    void aRecordingCannotBeKeptShorterThanItsPayload() {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class, () -> new RetentionPeriods(90, 30, 400));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("recordingDays");
        assertThat(e.errors().getFirst().message()).contains("payloadDays");
    }

    @Test
    void everyOutOfRangeFieldIsNamedAtOnce() {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class, () -> new RetentionPeriods(0, 36_501, -5));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("payloadDays", "recordingDays", "auditDays");
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.message()).contains("1 to 36500"));
    }

    @Test
    void missingFieldsAreNamed() {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class, () -> RetentionPeriods.of(30, null, null));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("recordingDays", "auditDays");
        assertThat(RetentionPeriods.of(7, 14, 21)).isEqualTo(new RetentionPeriods(7, 14, 21));
    }
}
