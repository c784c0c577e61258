package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.verify.PublicKeys.SignatureCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks the checkpoints without the rows: each one's signature against the examiner's keys, the
 * prev_signature link between consecutive ones, and, when an anchor is given, that every anchored
 * checkpoint is also in the source, unchanged. Checkpoints outside the range are ignored.
 */
final class CheckpointCheck {

    private final PublicKeys keys;
    private final SeqRange range;
    private final String sourceName;
    private final TreeMap<Long, Checkpoint> trusted = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private ChainProblem firstProblem;

    private CheckpointCheck(PublicKeys keys, SeqRange range, String sourceName) {
        this.keys = keys;
        this.range = range;
        this.sourceName = sourceName;
    }

    static CheckpointFindings run(List<Checkpoint> fromSource, List<Checkpoint> anchored, PublicKeys keys, SeqRange range,
            String sourceName) {
        CheckpointCheck check = new CheckpointCheck(keys, range, sourceName);
        Map<Long, Checkpoint> bySeq = check.checkSourceChain(inRange(fromSource, range));
        check.checkAnchor(inRange(anchored, range), bySeq);
        return new CheckpointFindings(check.trusted, check.firstProblem, List.copyOf(check.notes));
    }

    private Map<Long, Checkpoint> checkSourceChain(List<Checkpoint> checkpoints) {
        NavigableMap<Long, Checkpoint> bySeq = new TreeMap<>();
        Checkpoint previous = null;
        for (Checkpoint checkpoint : checkpoints) {
            if (bySeq.putIfAbsent(checkpoint.seq(), checkpoint) != null) {
                problem(checkpoint.seq(), "two checkpoints claim seq " + checkpoint.seq());
                continue;
            }
            checkSignature(checkpoint, "checkpoint " + checkpoint.seq());
            if (previous != null) {
                if (!Objects.equals(previous.signature(), checkpoint.previousSignature())) {
                    problem(checkpoint.seq(), "checkpoint " + checkpoint.seq() + " does not link to checkpoint " + previous.seq()
                            + " (its prev_signature differs): a checkpoint between them was removed or replaced");
                }
            } else if (range.startsAtGenesis()) {
                if (checkpoint.previousSignature() != null && !checkpoint.previousSignature().isEmpty()) {
                    problem(checkpoint.seq(), "checkpoint " + checkpoint.seq() + " is the first in " + sourceName
                            + " but links to an earlier checkpoint: that one was removed");
                }
            } else {
                notes.add("checkpoint " + checkpoint.seq() + " is the first in the range: its link to the checkpoint before seq "
                        + range.from() + " is not checked");
            }
            previous = checkpoint;
        }
        return bySeq;
    }

    private void checkAnchor(List<Checkpoint> anchored, Map<Long, Checkpoint> fromSource) {
        for (Checkpoint checkpoint : anchored) {
            checkSignature(checkpoint, "the anchored checkpoint " + checkpoint.seq());
            Checkpoint stored = fromSource.get(checkpoint.seq());
            if (stored == null) {
                problem(checkpoint.seq(), "checkpoint " + checkpoint.seq() + " is in the anchor but missing from " + sourceName);
            } else if (!stored.toJson().equals(checkpoint.toJson())) {
                problem(checkpoint.seq(), "checkpoint " + checkpoint.seq() + " in " + sourceName + " differs from the anchor's copy");
            }
        }
    }

    private void checkSignature(Checkpoint checkpoint, String what) {
        SignatureCheck result = keys.check(checkpoint);
        switch (result) {
            case VALID -> trusted.put(checkpoint.seq(), checkpoint);
            case UNKNOWN_KEY -> problem(checkpoint.seq(), what + " is signed by key " + checkpoint.keyId() + ", which is not among the trusted keys");
            case BAD_SIGNATURE -> problem(checkpoint.seq(), what + " has a signature that no trusted key verifies");
            case SIGNED_AFTER_RETIREMENT -> problem(checkpoint.seq(), what + " was signed by key " + checkpoint.keyId()
                    + " after that key was retired");
        }
    }

    private void problem(long seq, String reason) {
        if (firstProblem == null || seq < firstProblem.seq()) {
            firstProblem = new ChainProblem(seq, ProblemKind.FORGED_CHECKPOINT, reason);
        }
    }

    private static List<Checkpoint> inRange(List<Checkpoint> checkpoints, SeqRange range) {
        return checkpoints.stream().filter(c -> range.contains(c.seq())).sorted(Comparator.comparingLong(Checkpoint::seq)).toList();
    }
}
