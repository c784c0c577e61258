package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationReportTest {

    private static final Checkpoint LATEST = new Checkpoint(12340, "ab".repeat(32), Instant.parse("2026-11-26T03:20:00Z"), "k-2026-11", "", "c2ln");

    @Test
    void anIntactReportSaysHowFarSignaturesReach() {
        VerificationReport report = report(12345L, 24, LATEST, 12, 3, 7, null, List.of("a note"));

        assertThat(report.verdict()).isEqualTo("INTACT: 12345 events (seq 1..12345), 24 checkpoints verified, latest checkpoint seq 12340 "
                + "signed 2026-11-26T03:20:00.000000Z by key k-2026-11");
        assertThat(report.humanText().lines()).containsExactly(report.verdict(),
                "  seq 12341..12345 are after the latest checkpoint: they link correctly, but no signature covers them yet",
                "  12 legacy rows from before the chain existed are not chained and were not verified",
                "  retention purged the details of 3 events and the payload of 7 statements; their links still verify",
                "  a note");
    }

    @Test
    void anIntactReportWithoutCheckpointsWarns() {
        VerificationReport report = report(5L, 0, null, 0, 0, 0, null, List.of());

        assertThat(report.humanText().lines()).containsExactly("INTACT: 5 events (seq 1..5), no checkpoint in range",
                "  no signed checkpoint covers these rows: a cut-off tail or a wholesale rewrite would not show");
        assertThat(report(null, 0, null, 0, 0, 0, null, List.of()).verdict()).isEqualTo("INTACT: no events, no checkpoint in range");
    }

    @Test
    void aBrokenReportLeadsWithTheFirstProblem() {
        VerificationReport report = report(4L, 0, null, 0, 0, 0, new ChainProblem(5, ProblemKind.DELETED_ROW, "seq 5 is missing"), List.of());

        assertThat(report.intact()).isFalse();
        assertThat(report.verdict()).isEqualTo("BROKEN at seq 5: DELETED_ROW \u2014 seq 5 is missing");
    }

    @Test
    void theJsonFormCarriesEveryField() {
        VerificationReport report = report(12345L, 24, LATEST, 12, 3, 7, new ChainProblem(9, ProblemKind.MODIFIED_ROW, "why"), List.of("n"));

        Map<?, ?> json = (Map<?, ?>) CanonicalJson.parse(report.toJson());

        assertThat(json.keySet().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("intact", "source", "range", "events_checked", "first_seq", "last_seq",
                "legacy_unchained_rows", "checkpoints_verified", "latest_checkpoint", "purged_details", "purged_payloads", "problem", "notes");
        assertThat(json.get("intact")).isEqualTo(false);
        assertThat(CanonicalJson.write(json.get("range"))).isEqualTo("{\"from\":1,\"to\":null}");
        assertThat(CanonicalJson.write(json.get("latest_checkpoint")))
                .isEqualTo("{\"key_id\":\"k-2026-11\",\"seq\":12340,\"time\":\"2026-11-26T03:20:00.000000Z\"}");
        assertThat(CanonicalJson.write(json.get("problem"))).isEqualTo("{\"kind\":\"MODIFIED_ROW\",\"reason\":\"why\",\"seq\":9}");
    }

    private static VerificationReport report(Long lastSeq, int checkpoints, Checkpoint latest, long legacy, long purgedDetails, long purgedPayloads,
            ChainProblem problem, List<String> notes) {
        return new VerificationReport("the store", SeqRange.WHOLE_CHAIN, lastSeq == null ? 0 : lastSeq, lastSeq == null ? null : 1L, lastSeq,
                legacy, checkpoints, latest, purgedDetails, purgedPayloads, problem, notes);
    }
}
