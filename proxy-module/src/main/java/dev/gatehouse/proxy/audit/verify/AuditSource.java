package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where the verifier reads a chain from: the store, or an exported bundle. Events are streamed in
 * ascending seq order and never collected, because a range can hold millions of them.
 *
 * <p>The iterator may throw {@link AuditSourceException} when the source fails mid-stream, and
 * {@link UnreadableRecordException} when one record cannot be read at all (a damaged bundle line).
 */
public interface AuditSource extends AutoCloseable {

    /** A short description for messages, e.g. the bundle's file name; never a password. */
    String description();

    /** The range this source covers. */
    SeqRange range();

    /** The chained rows in the range, in ascending seq order; call once. */
    Iterator<AuditRecord> events() throws IOException;

    /** The source's signed checkpoints within the range, in ascending seq order. */
    List<Checkpoint> checkpoints() throws IOException;

    /** Rows written before the chain existed (seq null), when the source knows. */
    OptionalLong legacyUnchainedRows() throws IOException;

    /**
     * The last seq the source claims to hold (a bundle's manifest), so a cut-off copy is noticed even
     * without a checkpoint past the cut; empty for a live store, whose head simply is where it is.
     */
    OptionalLong declaredLastSeq();

    @Override
    void close() throws IOException;
}
