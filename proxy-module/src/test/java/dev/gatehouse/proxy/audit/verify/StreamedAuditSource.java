package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** A whole-chain source of events only (no checkpoints), produced as they are read; for tests. */
record StreamedAuditSource(String description, Supplier<Iterator<AuditRecord>> rows) implements AuditSource {

    @Override
    public SeqRange range() {
        return SeqRange.WHOLE_CHAIN;
    }

    @Override
    public Iterator<AuditRecord> events() {
        return rows.get();
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return List.of();
    }

    @Override
    public OptionalLong legacyUnchainedRows() {
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong declaredLastSeq() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {
    }
}
