package dev.gatehouse.proxy.audit;

import java.io.IOException;

/**
 * A place outside the database where signed checkpoints are kept, so someone who controls the
 * database alone cannot delete the chain's tail along with the checkpoints that cover it.
 */
public interface CheckpointAnchor {

    /** A short name for receipts and the UI, e.g. "directory" or "s3". */
    String kind();

    /**
     * Stores a checkpoint durably and returns where it went. Storing the identical checkpoint again
     * succeeds (a retry after a crash); a different checkpoint for the same seq is refused.
     */
    String store(Checkpoint checkpoint) throws IOException;
}
