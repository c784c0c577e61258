package dev.gatehouse.audit.siem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sink store in memory with the semantics of JdbcSinkStore: a claim holds a per-sink lock that
 * other claims cannot take, and what a round records counts only once it commits. It can fail the
 * next commit, to play a crash between a send and the cursor update.
 */
final class InMemorySinkStore implements SinkStore {

    /** A sink's row: its settings and the delivery state the worker writes. */
    static final class Row {
        volatile ConfiguredSink settings;
        volatile long cursor;
        volatile long delivered;
        volatile int failures;
        volatile String lastError;
        volatile Instant lastAttempt;
        final ReentrantLock lock = new ReentrantLock();
    }

    private final List<ExportedEvent> events = new CopyOnWriteArrayList<>();
    private final Map<UUID, Row> rows = new ConcurrentHashMap<>();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    final AtomicInteger overlappingClaims = new AtomicInteger();
    private final AtomicInteger openClaims = new AtomicInteger();

    Row add(ConfiguredSink sink) {
        Row row = new Row();
        row.settings = sink;
        row.cursor = sink.cursorSeq();
        rows.put(sink.id(), row);
        return row;
    }

    Row row(UUID id) {
        return rows.get(id);
    }

    void remove(UUID id) {
        rows.remove(id);
    }

    void append(ExportedEvent event) {
        events.add(event);
    }

    void failNextCommit() {
        failNextCommit.set(true);
    }

    @Override
    public Map<UUID, Instant> enabledSinks() {
        Map<UUID, Instant> enabled = new HashMap<>();
        rows.forEach((id, row) -> {
            if (row.settings.enabled()) {
                enabled.put(id, row.settings.updatedAt());
            }
        });
        return enabled;
    }

    @Override
    public Optional<Claim> claim(UUID sinkId) {
        Row row = rows.get(sinkId);
        if (row == null) {
            return Optional.of(new MemoryClaim(null));
        }
        if (!row.lock.tryLock()) {
            return Optional.empty();
        }
        if (openClaims.incrementAndGet() > 1) {
            overlappingClaims.incrementAndGet();
        }
        return Optional.of(new MemoryClaim(row));
    }

    private final class MemoryClaim implements Claim {

        private final Row row;
        private Runnable pending = () -> { };
        private boolean delivered;

        MemoryClaim(Row row) {
            this.row = row;
        }

        @Override
        public Optional<ConfiguredSink> sink() {
            if (row == null) {
                return Optional.empty();
            }
            ConfiguredSink s = row.settings;
            return Optional.of(new ConfiguredSink(s.id(), s.name(), s.format(), s.transport(), s.endpoint(), s.sealedToken(),
                    s.tlsCaCertificate(), s.enabled(), row.cursor, row.failures, s.updatedAt()));
        }

        @Override
        public List<ExportedEvent> eventsAfter(long seq, int limit) {
            return events.stream().filter(e -> e.seq() > seq).limit(limit).toList();
        }

        @Override
        public void delivered(long lastSeq, int count, Instant at) {
            delivered = true;
            pending = () -> {
                row.cursor = lastSeq;
                row.delivered += count;
                row.failures = 0;
                row.lastError = null;
                row.lastAttempt = at;
            };
        }

        @Override
        public int failed(String error, Instant at) {
            int failures = row.failures + 1;
            pending = () -> {
                row.failures = failures;
                row.lastError = error;
                row.lastAttempt = at;
            };
            return failures;
        }

        @Override
        public void commit() {
            if (delivered && failNextCommit.compareAndSet(true, false)) {
                throw new SinkStoreException("the store went away before the commit", null);
            }
            pending.run();
        }

        @Override
        public void close() {
            if (row != null) {
                openClaims.decrementAndGet();
                row.lock.unlock();
            }
        }
    }
}
