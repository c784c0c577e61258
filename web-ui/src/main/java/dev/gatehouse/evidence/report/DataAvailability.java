package dev.gatehouse.evidence.report;

import java.time.Instant;
import java.util.List;

/**
 * What data the gateway holds against the pack's period, so an examiner can judge completeness: the
 * first and last audit record held at all, the period's seq range and whether it is continuous, each
 * figure reconciled to the appendix rows that list it and to the chain, and the warnings (a period
 * that starts before the first record or ends after generation).
 *
 * @param firstRecord  the oldest audit record held, null when the store holds none
 * @param lastRecord   the newest one
 * @param periodEvents chained audit events whose time falls in the period
 * @param continuous   true when the period's seq range has no gap (events = last - first + 1)
 */
public record DataAvailability(Instant firstRecord, Instant lastRecord, long firstSeqHeld, long lastSeqHeld, long periodFirstSeq,
        long periodLastSeq, long periodEvents, boolean continuous, List<Reconciliation> reconciliations, List<String> warnings) {

    public DataAvailability {
        reconciliations = List.copyOf(reconciliations);
        warnings = List.copyOf(warnings);
    }

    /** One figure against the rows that should list it. */
    public record Reconciliation(String figure, long figureValue, String listedIn, long listedRows) {
        public boolean agrees() {
            return figureValue == listedRows;
        }
    }
}
