package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.util.List;
import java.util.NavigableMap;

/**
 * What checking the checkpoints on their own found, before any row is read.
 *
 * @param trusted      validly signed checkpoints in the range by seq, the anchor's copy winning
 *                     over the source's; rows and the tail are compared against these
 * @param firstProblem the lowest-seq checkpoint problem, or null
 * @param notes        limits of the check worth telling the examiner
 */
record CheckpointFindings(NavigableMap<Long, Checkpoint> trusted, ChainProblem firstProblem, List<String> notes) {
}
