package dev.gatehouse.audit.siem;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one delivery worker per enabled sink on a scheduler. Every poll interval it compares the
 * enabled sinks with its workers: it starts workers for new or re-enabled sinks, wakes those whose
 * settings changed (so a fixed endpoint does not wait out a long back-off), and stops the rest. A
 * worker runs one round at a time and schedules its next round itself.
 */
public final class SinkWorkers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SinkWorkers.class.getName());

    private final SinkStore store;
    private final Function<UUID, SinkDelivery> deliveries;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final Map<UUID, Worker> workers = new ConcurrentHashMap<>();
    private ScheduledFuture<?> supervision;

    public SinkWorkers(SinkStore store, Function<UUID, SinkDelivery> deliveries, ScheduledExecutorService scheduler, Duration pollInterval) {
        this.store = store;
        this.deliveries = deliveries;
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    public synchronized void start() {
        if (supervision == null) {
            supervision = scheduler.scheduleWithFixedDelay(this::refresh, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Brings the workers in line with the enabled sinks; also called right after a change through the API. */
    public synchronized void refresh() {
        Map<UUID, Instant> enabled;
        try {
            enabled = store.enabledSinks();
        } catch (RuntimeException e) {
            // Thrown out of a fixed-delay task, this would stop supervision for good.
            LOG.log(Level.WARNING, "gatehouse: SIEM export cannot list its sinks: {0}", e.getMessage());
            return;
        }
        enabled.forEach((id, updatedAt) -> {
            Worker worker = workers.get(id);
            if (worker == null || worker.stopped()) {
                Worker fresh = new Worker(id, deliveries.apply(id), updatedAt);
                workers.put(id, fresh);
                fresh.wake();
            } else if (!Objects.equals(worker.seenUpdate, updatedAt)) {
                worker.seenUpdate = updatedAt;
                worker.wake();
            }
        });
        workers.entrySet().removeIf(entry -> {
            if (enabled.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().stop();
            return true;
        });
    }

    /** How many sinks this node runs workers for. */
    public int running() {
        return (int) workers.values().stream().filter(w -> !w.stopped()).count();
    }

    @Override
    public synchronized void close() {
        if (supervision != null) {
            supervision.cancel(false);
            supervision = null;
        }
        workers.values().forEach(Worker::stop);
        workers.clear();
    }

    /** One sink's rounds. All state changes happen under the worker's lock; a round itself runs outside it. */
    private final class Worker {

        private final UUID sinkId;
        private final SinkDelivery delivery;
        private volatile Instant seenUpdate;
        private ScheduledFuture<?> next;
        private boolean running;
        private boolean wakeRequested;
        private boolean stopped;

        Worker(UUID sinkId, SinkDelivery delivery, Instant seenUpdate) {
            this.sinkId = sinkId;
            this.delivery = delivery;
            this.seenUpdate = seenUpdate;
        }

        private void round() {
            synchronized (this) {
                if (stopped || running) {
                    return;
                }
                running = true;
                next = null;
            }
            Duration delay;
            try {
                delay = delivery.delayAfter(delivery.deliverOnce());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "gatehouse: SIEM sink " + sinkId + " failed unexpectedly; retrying", e);
                delay = pollInterval;
            }
            synchronized (this) {
                running = false;
                if (delay == null) {
                    stopped = true;
                    workers.remove(sinkId, this);
                }
                if (stopped) {
                    delivery.close();
                    return;
                }
                if (wakeRequested) {
                    wakeRequested = false;
                    delay = Duration.ZERO;
                }
                next = scheduler.schedule(this::round, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Runs a round now, or right after the one in progress. */
        synchronized void wake() {
            if (stopped) {
                return;
            }
            if (running) {
                wakeRequested = true;
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = scheduler.schedule(this::round, 0, TimeUnit.MILLISECONDS);
        }

        synchronized void stop() {
            stopped = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            if (!running) {
                delivery.close();
            }
        }

        synchronized boolean stopped() {
            return stopped;
        }
    }
}
