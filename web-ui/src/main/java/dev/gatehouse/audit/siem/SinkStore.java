package dev.gatehouse.audit.siem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where delivery reads sinks and events and moves cursors (JdbcSinkStore in production, a map in
 * tests). Failures are {@link SinkStoreException}s.
 */
public interface SinkStore {

    /** The enabled sinks, each with the time its settings last changed. */
    Map<UUID, Instant> enabledSinks();

    /**
     * Starts one delivery round for a sink, holding it against every other gateway node until the
     * claim closes; empty when another node holds it now.
     */
    Optional<Claim> claim(UUID sinkId);

    /** One round's hold on a sink. Nothing it records counts until {@link #commit}. */
    interface Claim extends AutoCloseable {

        /** The sink as it is now; empty when it was deleted. */
        Optional<ConfiguredSink> sink();

        /** The next events after a chain position, in chain order, with statement texts. */
        List<ExportedEvent> eventsAfter(long seq, int limit);

        /** The events up to {@code lastSeq} were sent: move the cursor, count them, clear the failure state. */
        void delivered(long lastSeq, int count, Instant at);

        /** A send failed: record why and when; returns the consecutive failures including this one. */
        int failed(String error, Instant at);

        void commit();

        /** Releases the hold; what was not committed is dropped. */
        @Override
        void close();
    }
}
