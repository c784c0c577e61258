package dev.gatehouse.proxy.recording;

import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.SessionRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves recorded events from the event loops to the {@link SessionRecorder} on one writer thread.
 *
 * <p>The queue is bounded by watermarks rather than by refusing events: {@link #submit} always
 * keeps the event (an event is never dropped) and answers whether the caller may go on. Above the
 * high watermark it answers {@code false} and the caller stops reading from its client; the
 * listeners registered with {@link #onWritable} run once the writer has brought the queue under
 * the low watermark. Each paused client has at most a few statements in flight, so the overshoot
 * above the high watermark stays small and bounded.
 *
 * <p>A batch the recorder fails to write is retried, with a growing pause, until it succeeds or
 * the pipeline is closed; {@link #close} drains what is queued within its deadline and reports
 * how many events it could not write.
 */
public final class RecordingPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RecordingPipeline.class.getName());
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);
    private static final Duration LINGER = Duration.ofMillis(20);

    private final SessionRecorder recorder;
    private final int highWatermark;
    private final int lowWatermark;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition eventsQueued = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<RecordedEvent> queue = new ArrayDeque<>();
    private final List<Runnable> writableListeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean closing;
    private boolean overHighWatermark;
    private boolean writerWaiting;
    private int inFlight;
    private long written;
    private long writeFailures;
    /** Set while the recorder is failing: from a failed write until the next successful one. */
    private volatile boolean failing;

    public RecordingPipeline(SessionRecorder recorder, int highWatermark, int maxBatch) {
        this(recorder, highWatermark, maxBatch, Thread.ofPlatform().daemon(true).factory());
    }

    /**
     * @param threadFactory makes the writer thread; inside an application server pass its managed
     *                      thread factory, so the recorder's transactions and injections work there
     */
    public RecordingPipeline(SessionRecorder recorder, int highWatermark, int maxBatch, ThreadFactory threadFactory) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        if (highWatermark < 2 || maxBatch < 1) {
            throw new IllegalArgumentException("highWatermark must be >= 2 and maxBatch >= 1");
        }
        this.highWatermark = highWatermark;
        this.lowWatermark = highWatermark / 2;
        this.maxBatch = maxBatch;
        this.writer = threadFactory.newThread(this::writeLoop);
        writer.setName("gatehouse-recording-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues an event. Never blocks and never drops. Returns {@code false} when the queue is above
     * its high watermark: the caller should stop producing (pause its client) until notified.
     */
    public boolean submit(RecordedEvent event) {
        Objects.requireNonNull(event, "event");
        lock.lock();
        try {
            if (closing) {
                // Late events of sessions torn down by the shutdown itself are still written by close().
                queue.add(event);
                eventsQueued.signal();
                return true;
            }
            queue.add(event);
            if (writerWaiting || queue.size() == maxBatch) {
                eventsQueued.signal();
            }
            if (queue.size() >= highWatermark) {
                overHighWatermark = true;
            }
            return !overHighWatermark;
        } finally {
            lock.unlock();
        }
    }

    /** Whether producers may go on without waiting; the same answer {@link #submit} last gave. */
    public boolean isWritable() {
        lock.lock();
        try {
            return !overHighWatermark;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a callback run (on the writer thread) each time the queue falls back under the low
     * watermark. Callbacks must only hand work to their own thread (e.g. an event loop's execute).
     */
    public void onWritable(Runnable listener) {
        writableListeners.add(listener);
    }

    public void removeWritableListener(Runnable listener) {
        writableListeners.remove(listener);
    }

    /**
     * Whether the store is taking events: false from a failed write until a write succeeds again.
     * Fail-closed connections refuse new sessions and statements meanwhile; what is queued stays
     * queued and is retried, so nothing recorded is lost.
     */
    public boolean acceptingEvents() {
        return !failing;
    }

    public int queued() {
        lock.lock();
        try {
            return queue.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    public long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        long pauseMillis = 50;
        while (true) {
            List<RecordedEvent> batch = takeBatch();
            if (batch == null) {
                return;
            }
            while (true) {
                try {
                    recorder.write(batch);
                    pauseMillis = 50;
                    failing = false;
                    break;
                } catch (Exception | LinkageError e) {
                    writeFailures++;
                    failing = true;
                    LOG.log(Level.WARNING, "recording: writing " + batch.size() + " events failed; retrying", e);
                    if (!sleep(pauseMillis)) {
                        return; // interrupted by close() after its deadline: it reports what is left
                    }
                    pauseMillis = Math.min(pauseMillis * 2, MAX_RETRY_PAUSE.toMillis());
                }
            }
            completed(batch.size());
        }
    }

    private List<RecordedEvent> takeBatch() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                writerWaiting = true;
                eventsQueued.awaitUninterruptibly();
                writerWaiting = false;
            }
            // Linger briefly for a fuller batch: one wake-up per statement would cost the event
            // loops more in context switches than the writing itself.
            long lingerNanos = LINGER.toNanos();
            while (queue.size() < maxBatch && !closing && lingerNanos > 0) {
                try {
                    lingerNanos = eventsQueued.awaitNanos(lingerNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<RecordedEvent> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
            inFlight = batch.size();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void completed(int count) {
        boolean nowWritable;
        lock.lock();
        try {
            inFlight = 0;
            written += count;
            nowWritable = overHighWatermark && queue.size() <= lowWatermark;
            if (nowWritable) {
                overHighWatermark = false;
            }
            if (queue.isEmpty()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (nowWritable) {
            for (Runnable listener : writableListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "recording: a writability listener failed", e);
                }
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes what is queued, waiting up to {@code deadline}, then stops the writer.
     *
     * @return the number of events that could not be written in time (0 on a clean drain)
     */
    public int close(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        lock.lock();
        try {
            closing = true;
            eventsQueued.signalAll();
            while (!queue.isEmpty() || inFlight > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                drained.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            int lost = queue.size() + inFlight;
            if (lost > 0) {
                LOG.severe("recording: " + lost + " events could not be written before shutdown");
            }
            return lost;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    long writeFailures() {
        return writeFailures;
    }
}
