package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.ChainedEvent;
import java.util.List;

/**
 * Explains a row that does not fit where it sits. A row that was only moved still hashes correctly
 * under the seq it was written with, and its prev_hash still names its old predecessor; looking a
 * little ahead and trying nearby seqs tells a swap (REORDERED) from a deletion with renumbering
 * (DELETED_ROW), an insertion, or a plain edit (MODIFIED_ROW).
 */
final class Displacement {

    /** Rows read past the broken one to look for where it, or its rightful successor, went. */
    static final int LOOKAHEAD_ROWS = 10_000;
    /** Seqs tried on each side when looking for the seq a row was written with. */
    static final int SEQ_SEARCH = 100_000;

    private Displacement() {
    }

    /** The row at the expected seq is there but fails its hash, its link, or both. */
    static ChainProblem explainBrokenRow(AuditRecord record, String expectedPrev, Long previousSeq, List<AuditRecord> lookahead,
            SeqRange range) {
        ChainedEvent event = record.event();
        long seq = event.seq();
        boolean hashOk = same(event.recomputedHash(), event.hash());
        boolean linkKnown = expectedPrev != null;
        boolean linkOk = !linkKnown || same(expectedPrev, event.prevHash());
        if (!linkOk) {
            for (AuditRecord later : lookahead) {
                if (same(expectedPrev, later.event().prevHash())) {
                    return new ChainProblem(seq, ProblemKind.REORDERED, "seq " + seq + " holds a row written elsewhere, and the row written "
                            + (seq == 1 ? "first" : "to follow seq " + (seq - 1)) + " now sits at seq " + later.seq() + ": seq values were swapped");
                }
            }
            for (AuditRecord later : lookahead) {
                if (same(later.event().hash(), event.prevHash())) {
                    return new ChainProblem(seq, ProblemKind.REORDERED, "seq " + seq + " holds the row written to follow the one now at seq "
                            + later.seq() + ": seq values were swapped");
                }
            }
        }
        Long writtenAs = hashOk ? Long.valueOf(seq) : linkOk && linkKnown ? null : seqWrittenWith(event);
        if (writtenAs != null && writtenAs != seq) {
            boolean movedWithSuccessor = lookahead.isEmpty() || same(event.hash(), lookahead.getFirst().event().prevHash());
            if (!movedWithSuccessor) {
                return new ChainProblem(seq, ProblemKind.REORDERED, "seq " + seq + " holds the row written as seq " + writtenAs
                        + ": seq values were swapped");
            }
            if (writtenAs > seq) {
                return new ChainProblem(seq, ProblemKind.DELETED_ROW, "seq " + seq + " holds the row written as seq " + writtenAs + ": "
                        + count(writtenAs - seq) + " deleted and the later rows renumbered");
            }
            return new ChainProblem(Math.max(writtenAs, range.from()), ProblemKind.MODIFIED_ROW, "seq " + seq + " holds the row written as seq "
                    + writtenAs + ": " + count(seq - writtenAs) + " inserted before it");
        }
        if (hashOk) {
            long blamed = previousSeq == null ? seq : previousSeq;
            return new ChainProblem(blamed, ProblemKind.MODIFIED_ROW, previousSeq == null
                    ? "seq " + seq + " does not start from the genesis hash"
                    : "seq " + seq + " does not link to the stored hash of seq " + previousSeq + ": seq " + previousSeq
                            + " was rewritten and re-hashed (or seq " + seq + "'s link was)");
        }
        return new ChainProblem(seq, ProblemKind.MODIFIED_ROW, "the stored hash of seq " + seq + " does not match its fields"
                + (linkOk ? "" : ", nor does its prev_hash match " + (previousSeq == null ? "the genesis hash" : "seq " + previousSeq))
                + ": the row was changed after it was written");
    }

    /** The row at {@code expectedSeq} is missing: renumbered, moved further on (REORDERED) or gone (DELETED_ROW). */
    static ChainProblem explainGap(long expectedSeq, String expectedPrev, AuditRecord found, List<AuditRecord> lookahead) {
        if (same(expectedPrev, found.event().prevHash()) && hashesAs(found.event(), expectedSeq)) {
            return new ChainProblem(expectedSeq, ProblemKind.MODIFIED_ROW, "the row written as seq " + expectedSeq + " now claims seq "
                    + found.seq() + ": its seq was changed");
        }
        for (AuditRecord later : lookahead) {
            if (later.seq() >= expectedSeq && later.seq() < found.seq()) {
                return new ChainProblem(expectedSeq, ProblemKind.REORDERED, "seq " + later.seq() + " comes after seq " + found.seq()
                        + " in the source: rows are out of order");
            }
            if (same(expectedPrev, later.event().prevHash())) {
                return new ChainProblem(expectedSeq, ProblemKind.REORDERED, "the row written as seq " + expectedSeq + " now sits at seq "
                        + later.seq() + ": its seq was changed");
            }
        }
        long missing = found.seq() - expectedSeq;
        return new ChainProblem(expectedSeq, ProblemKind.DELETED_ROW, missing == 1
                ? "seq " + expectedSeq + " is missing: the chain goes from seq " + (expectedSeq - 1) + " to seq " + found.seq()
                : "seq " + expectedSeq + ".." + (found.seq() - 1) + " (" + missing + " rows) are missing");
    }

    /** The seq near this row's own under which its stored hash verifies, or null. */
    private static Long seqWrittenWith(ChainedEvent event) {
        long seq = event.seq();
        for (long distance = 1; distance <= SEQ_SEARCH; distance++) {
            if (hashesAs(event, seq + distance)) {
                return seq + distance;
            }
            if (seq - distance >= 1 && hashesAs(event, seq - distance)) {
                return seq - distance;
            }
        }
        return null;
    }

    private static boolean hashesAs(ChainedEvent event, long seq) {
        ChainedEvent moved = new ChainedEvent(seq, event.occurredAt(), event.action(), event.actor(), event.actorKind(), event.clientAddress(),
                event.targetType(), event.targetId(), event.targetName(), event.outcome(), event.detailsSha256(), event.prevHash(), null);
        return moved.recomputedHash().equals(event.hash());
    }

    /** Equal and present: a missing hash never matches anything, not even another missing one. */
    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }

    private static String count(long rows) {
        return rows == 1 ? "1 row was" : rows + " rows were";
    }
}
