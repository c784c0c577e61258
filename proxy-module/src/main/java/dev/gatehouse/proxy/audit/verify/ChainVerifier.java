package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Verifies a range of the audit chain and reports the first problem (docs/audit-chain.md,
 * "Verifying offline"). Rows are streamed once, in seq order, so memory does not grow with the
 * range; checkpoints are checked first, on their own, against keys the examiner supplied.
 *
 * <p>"First" means lowest seq: a row problem at or before the first checkpoint problem wins, and
 * rows after a checkpoint problem are not read, because they cannot change the answer.
 */
public final class ChainVerifier {

    private final PublicKeys keys;
    private final List<Checkpoint> anchored;

    public ChainVerifier(PublicKeys keys) {
        this(keys, List.of());
    }

    private ChainVerifier(PublicKeys keys, List<Checkpoint> anchored) {
        this.keys = keys;
        this.anchored = anchored;
    }

    /** Also compares against checkpoints read from an anchor kept outside the source. */
    public ChainVerifier withAnchor(List<Checkpoint> anchoredCheckpoints) {
        return new ChainVerifier(keys, List.copyOf(anchoredCheckpoints));
    }

    public VerificationReport verify(AuditSource source) throws IOException {
        SeqRange range = source.range();
        CheckpointFindings checkpoints = CheckpointCheck.run(source.checkpoints(), anchored, keys, range, source.description());
        ChainWalk walk = new ChainWalk(range, checkpoints.trusted());
        ChainProblem checkpointProblem = checkpoints.firstProblem();
        ChainProblem problem = walkRows(source.events(), walk, checkpointProblem);
        if (problem == null) {
            OptionalLong declared = source.declaredLastSeq();
            problem = earlier(walk.checkTail(declared.isPresent() ? declared.getAsLong() : null), checkpointProblem);
        }
        List<String> notes = new ArrayList<>(checkpoints.notes());
        if (!range.startsAtGenesis()) {
            notes.add("the range starts at seq " + range.from() + ": its first row's prev_hash is not checked against seq " + (range.from() - 1));
        }
        OptionalLong legacy = source.legacyUnchainedRows();
        return new VerificationReport(source.description(), range, walk.eventsChecked(), walk.firstSeq(), walk.lastSeq(),
                legacy.isPresent() ? legacy.getAsLong() : null, walk.checkpointsVerified(), walk.latestCheckpoint(), walk.purgedDetails(),
                walk.purgedPayloads(), problem, notes);
    }

    /** The first row problem; the checkpoint problem once rows pass it; null when the rows ran out cleanly. */
    private static ChainProblem walkRows(Iterator<AuditRecord> rows, ChainWalk walk, ChainProblem checkpointProblem) {
        long readUpTo = checkpointProblem == null ? Long.MAX_VALUE : checkpointProblem.seq();
        while (true) {
            AuditRecord record;
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                record = rows.next();
            } catch (UnreadableRecordException unreadable) {
                return new ChainProblem(walk.expectedSeq(), ProblemKind.MODIFIED_ROW, "the record expected to hold seq " + walk.expectedSeq()
                        + " cannot be read: " + unreadable.getMessage());
            }
            // A gap that starts at or before the checkpoint problem still comes first.
            if (walk.expectedSeq() > readUpTo) {
                return checkpointProblem;
            }
            ChainProblem problem = walk.accept(record, () -> readAhead(rows));
            if (problem != null) {
                return problem;
            }
        }
    }

    /** A bounded look past a broken row; the walk stops there, so these rows are not checked themselves. */
    private static List<AuditRecord> readAhead(Iterator<AuditRecord> rows) {
        List<AuditRecord> ahead = new ArrayList<>();
        try {
            while (ahead.size() < Displacement.LOOKAHEAD_ROWS && rows.hasNext()) {
                ahead.add(rows.next());
            }
        } catch (UnreadableRecordException unreadable) {
            // What could be read still helps the explanation; the rest cannot.
        }
        return ahead;
    }

    /** The lower-seq problem; at equal seqs the tail wins, since it explains why a checkpoint has no row. */
    private static ChainProblem earlier(ChainProblem tail, ChainProblem checkpoint) {
        if (tail == null) {
            return checkpoint;
        }
        return checkpoint == null || tail.seq() <= checkpoint.seq() ? tail : checkpoint;
    }
}
