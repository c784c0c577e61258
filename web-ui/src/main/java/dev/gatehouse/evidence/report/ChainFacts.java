package dev.gatehouse.evidence.report;

import java.util.List;

/**
 * What verifying the audit chain over the pack's period found (controls C10 and C11 print it; the
 * full report is the pack's audit/chain-verification.json).
 *
 * @param fromSeq  first audit sequence number in the period; 0 when the period holds no chained event
 * @param toSeq    last one
 * @param problemKind  null when intact; otherwise the verifier's kind (MODIFIED_ROW, ...)
 * @param problemSeq   the first bad seq, or null
 * @param checkpointsInPack signed checkpoints shipped in audit/checkpoints.json
 * @param checkpointsAnchored how many of those have an anchor receipt outside the database
 * @param keyIds   the signing keys in audit/public-key.json
 */
public record ChainFacts(long fromSeq, long toSeq, boolean intact, long eventsChecked, long checkpointsVerified,
        String problemKind, Long problemSeq, long checkpointsInPack, long checkpointsAnchored, List<String> keyIds) {

    public ChainFacts {
        keyIds = List.copyOf(keyIds);
    }

    public boolean emptyPeriod() {
        return fromSeq == 0 && toSeq == 0;
    }
}
