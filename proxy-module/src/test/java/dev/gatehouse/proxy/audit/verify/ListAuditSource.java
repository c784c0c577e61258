package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/** An in-memory source for tests. */
record ListAuditSource(List<AuditRecord> records, List<Checkpoint> checkpoints, SeqRange range, OptionalLong legacyUnchainedRows,
        OptionalLong declaredLastSeq) implements AuditSource {

    ListAuditSource(List<AuditRecord> records, List<Checkpoint> checkpoints) {
        this(records, checkpoints, SeqRange.WHOLE_CHAIN, OptionalLong.empty(), OptionalLong.empty());
    }

    ListAuditSource inRange(SeqRange newRange) {
        return new ListAuditSource(records.stream().filter(r -> newRange.contains(r.seq())).toList(), checkpoints, newRange,
                legacyUnchainedRows, declaredLastSeq);
    }

    @Override
    public String description() {
        return "the test chain";
    }

    @Override
    public Iterator<AuditRecord> events() {
        return records.iterator();
    }

    @Override
    public void close() {
    }
}
