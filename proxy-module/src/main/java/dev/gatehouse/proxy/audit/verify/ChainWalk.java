package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Supplier;

/**
 * Walks the rows of a range one at a time, keeping only what the next row is checked against: the
 * seq and prev_hash it must have. Everything else it learns is counted, never stored.
 */
final class ChainWalk {

    private final SeqRange range;
    private final NavigableMap<Long, Checkpoint> trusted;
    private long expectedSeq;
    private String expectedPrev;
    private Long previousSeq;
    private long eventsChecked;
    private Long firstSeq;
    private int checkpointsVerified;
    private Checkpoint latestCheckpoint;
    private long purgedDetails;
    private long purgedPayloads;

    ChainWalk(SeqRange range, NavigableMap<Long, Checkpoint> trusted) {
        this.range = range;
        this.trusted = trusted;
        this.expectedSeq = range.from();
        // Only a range that starts at the genesis knows what its first row must link to.
        this.expectedPrev = range.startsAtGenesis() ? ChainedEvent.GENESIS : null;
    }

    /** Checks one row; the lookahead is read only when the row does not fit. */
    ChainProblem accept(AuditRecord record, Supplier<List<AuditRecord>> lookahead) {
        long seq = record.seq();
        if (seq < expectedSeq) {
            return new ChainProblem(seq, ProblemKind.MODIFIED_ROW, previousSeq == null
                    ? "seq " + seq + " lies before the range " + range + " the source declares"
                    : "seq " + seq + " appears again after seq " + previousSeq + ": a row was inserted with a seq already taken");
        }
        if (seq > expectedSeq) {
            return Displacement.explainGap(expectedSeq, expectedPrev, record, lookahead.get());
        }
        ChainedEvent event = record.event();
        boolean linked = expectedPrev == null || expectedPrev.equals(event.prevHash());
        if (!linked || !event.recomputedHash().equals(event.hash())) {
            return Displacement.explainBrokenRow(record, expectedPrev, previousSeq, lookahead.get(), range);
        }
        ChainProblem content = RowContent.check(record);
        if (content != null) {
            return content;
        }
        ChainProblem signed = compareWithCheckpoint(event);
        if (signed != null) {
            return signed;
        }
        countPurges(record);
        advance(event);
        return null;
    }

    private ChainProblem compareWithCheckpoint(ChainedEvent event) {
        Checkpoint checkpoint = trusted.get(event.seq());
        if (checkpoint == null) {
            return null;
        }
        if (!event.hash().equals(checkpoint.hash())) {
            // Every row up to here links correctly, so the rows were rewritten and re-hashed as a whole,
            // somewhere after the last checkpoint that still matched.
            long firstUnproven = latestCheckpoint == null ? range.from() : latestCheckpoint.seq() + 1;
            return new ChainProblem(firstUnproven, ProblemKind.MODIFIED_ROW, "the hash of seq " + event.seq() + " differs from the one checkpoint "
                    + checkpoint.seq() + " signed: the rows from seq " + firstUnproven + " to " + event.seq() + " were rewritten after signing");
        }
        checkpointsVerified++;
        latestCheckpoint = checkpoint;
        return null;
    }

    private void countPurges(AuditRecord record) {
        if (record.details() == null) {
            purgedDetails++;
        }
        if (record.payload() != null && record.payload().isPurged()) {
            purgedPayloads++;
        }
    }

    private void advance(ChainedEvent event) {
        if (firstSeq == null) {
            firstSeq = event.seq();
        }
        eventsChecked++;
        previousSeq = event.seq();
        expectedSeq = event.seq() + 1;
        expectedPrev = event.hash();
    }

    /** After the last row: does the chain reach every trusted checkpoint, and what its source claims? */
    ChainProblem checkTail(Long declaredLastSeq) {
        long lastSeq = expectedSeq - 1;
        if (!trusted.isEmpty() && trusted.lastKey() > lastSeq) {
            Checkpoint beyond = trusted.lastEntry().getValue();
            return new ChainProblem(lastSeq + 1, ProblemKind.TRUNCATED_TAIL, tailSentence(lastSeq) + " but checkpoint " + beyond.seq()
                    + ", signed " + ChainedEvent.formatTime(beyond.signedAt()) + " by key " + beyond.keyId() + ", covers seq " + beyond.seq());
        }
        if (declaredLastSeq != null && declaredLastSeq > lastSeq) {
            return new ChainProblem(lastSeq + 1, ProblemKind.TRUNCATED_TAIL, tailSentence(lastSeq) + " but its source declares seq "
                    + declaredLastSeq + " as the last");
        }
        return null;
    }

    private String tailSentence(long lastSeq) {
        return lastSeq < range.from() ? "the range holds no rows" : "the chain ends at seq " + lastSeq;
    }

    long expectedSeq() {
        return expectedSeq;
    }

    long eventsChecked() {
        return eventsChecked;
    }

    Long firstSeq() {
        return firstSeq;
    }

    Long lastSeq() {
        return previousSeq;
    }

    int checkpointsVerified() {
        return checkpointsVerified;
    }

    Checkpoint latestCheckpoint() {
        return latestCheckpoint;
    }

    long purgedDetails() {
        return purgedDetails;
    }

    long purgedPayloads() {
        return purgedPayloads;
    }
}
