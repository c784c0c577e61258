package dev.gatehouse.proxy.api;

import java.util.List;

/**
 * Where recorded data-path events are persisted. The proxy calls it from its own writer thread,
 * never from an event loop, with events in the order they happened, in batches. A call that throws
 * is retried with the same batch (events are never dropped), so implementations must write a batch
 * atomically: all of it or none of it.
 */
public interface SessionRecorder {

    void write(List<RecordedEvent> batch) throws Exception;
}
