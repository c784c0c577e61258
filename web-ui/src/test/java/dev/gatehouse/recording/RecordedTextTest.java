package dev.gatehouse.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedTextTest {

    @Test
    void binaryParameterValuesAreNeverWrittenOnlyTheirLength() {
        String json = RecordedText.parametersJson(List.of(
                new BoundParameter(1, 23, false, "42", 2),
                new BoundParameter(2, 17, true, "should-not-appear", 16),
                new BoundParameter(3, 0, false, null, -1)));
        assertThat(json).doesNotContain("should-not-appear");
        assertThat(RecordedText.parametersFromJson(json)).containsExactly(
                new BoundParameter(1, 23, false, "42", 2),
                new BoundParameter(2, 17, true, null, 16),
                new BoundParameter(3, 0, false, null, -1));
    }

    @Test
    void nulCharactersThatPostgresRefusesAreReplaced() {
        assertThat(RecordedText.clean("a\0b")).isEqualTo("a\uFFFDb");
        assertThat(RecordedText.parametersJson(List.of(new BoundParameter(1, 25, false, "x\0y", 3)))).doesNotContain("\\u0000");
    }

    @Test
    void boundedTextNeverSplitsASurrogatePair() {
        assertThat(RecordedText.bounded("ab🔑", 3)).isEqualTo("ab");
        assertThat(RecordedText.bounded("abc", 3)).isEqualTo("abc");
        assertThat(RecordedText.bounded(null, 3)).isNull();
    }

    @Test
    void commandTagsRoundTrip() {
        assertThat(RecordedText.splitTags(RecordedText.joinTags(List.of("BEGIN", "INSERT 0 1", "COMMIT"))))
                .containsExactly("BEGIN", "INSERT 0 1", "COMMIT");
        assertThat(RecordedText.joinTags(List.of())).isNull();
        assertThat(RecordedText.splitTags(null)).isEmpty();
    }

    @Test
    void statementOutcomes() {
        assertThat(RecordingBatchWriter.outcomeOf(null)).isEqualTo("success");
        assertThat(RecordingBatchWriter.outcomeOf("42501")).isEqualTo("denied");
        assertThat(RecordingBatchWriter.outcomeOf("22012")).isEqualTo("failure");
    }

    @Test
    void sha256IsLowerCaseHex() {
        assertThat(RecordedText.sha256Hex("select 1")).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void maskingEvidenceRoundTripsAndIsAbsentWhenNoRuleFired() {
        var evidence = List.of(new MaskingEvidence("id-1", "ssn-rule", "public.customers.ssn", 3));
        String json = RecordedText.maskingJson(evidence);
        assertThat(json).contains("ssn-rule").contains("public.customers.ssn");
        assertThat(RecordedText.maskingFromJson(json)).isEqualTo(evidence);
        assertThat(RecordedText.maskingJson(List.of())).isNull();
        assertThat(RecordedText.maskingFromJson(null)).isEmpty();
    }
}
