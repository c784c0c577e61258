package dev.gatehouse.masking;

import dev.gatehouse.catalog.ConnectionCatalogChanged;
import dev.gatehouse.platform.SharedLookups;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.MaskingRules;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The data path's view of the masking rules. The store is read as one {@link MaskingSnapshot}
 * (rules, open grants, unsealed keys), off the event loop, and kept for {@link #TTL} or until a
 * rule, key, grant or connection changes. Policies are compiled from it per identity and
 * connection once, and the same instance is answered until the snapshot changes or the next grant
 * starts or ends ({@link CompiledPolicies}): the data path asks at every request. A grant's start
 * or end also drops the snapshot, on a timer set for that moment. A failed load completes the
 * stage exceptionally, which the data path turns into refused results (fail closed).
 */
@ApplicationScoped
public class JpaMaskingRules implements MaskingRules {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final String KEY = "snapshot";

    /** Runs a task after a delay; the container's scheduler in production, a fake in tests. */
    interface Timer {
        Future<?> schedule(Runnable task, Duration delay);
    }

    @Inject
    MaskingStore store;

    @Resource
    ManagedExecutorService managedExecutor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Clock clock = Clock.systemUTC();
    private SharedLookups<MaskingSnapshot> cache = new SharedLookups<>(TTL, 1, clock);
    private Function<Instant, MaskingSnapshot> loader;
    private Timer timer;
    private volatile Executor executor;
    private volatile CompiledPolicies compiled;
    private Future<?> nextBoundary;
    private Instant nextBoundaryAt;

    protected JpaMaskingRules() {
        // for CDI
    }

    JpaMaskingRules(Function<Instant, MaskingSnapshot> loader, Executor executor, Timer timer, Clock clock) {
        this.loader = loader;
        this.executor = executor;
        this.timer = timer;
        this.clock = clock;
        this.cache = new SharedLookups<>(TTL, 1, clock);
    }

    /** The executor that carries the application's context, handed over by the data path (see JpaGuardrailRules). */
    public void runLookupsOn(Executor inApplicationContext) {
        this.executor = inApplicationContext;
    }

    @Override
    public CompletionStage<MaskingPolicy> policyFor(Identity identity, Connection connection) {
        return snapshot().thenApply(snapshot -> compiledFor(snapshot).policyFor(identity, connection));
    }

    /** The current snapshot, from the cache or loaded off the caller's thread. */
    public CompletionStage<MaskingSnapshot> snapshot() {
        Function<Instant, MaskingSnapshot> load = loader != null ? loader : store::snapshot;
        return cache.get(KEY, key -> watchBoundaries(load.apply(clock.instant())), executor != null ? executor : managedExecutor);
    }

    private CompiledPolicies compiledFor(MaskingSnapshot snapshot) {
        Instant now = clock.instant();
        CompiledPolicies current = compiled;
        if (current == null || !current.answerFor(snapshot, now)) {
            current = new CompiledPolicies(snapshot, now);
            compiled = current;
        }
        return current;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MaskingChanged change) {
        forget();
    }

    void connectionsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionCatalogChanged change) {
        forget();
    }

    void forget() {
        cache.forgetAll();
    }

    /** Arranges to drop the snapshot when the next grant starts or ends; the earliest boundary wins. */
    private MaskingSnapshot watchBoundaries(MaskingSnapshot snapshot) {
        Instant now = clock.instant();
        snapshot.nextChangeAfter(now).ifPresent(at -> {
            synchronized (this) {
                if (nextBoundaryAt != null && nextBoundaryAt.isAfter(now) && !nextBoundaryAt.isAfter(at)) {
                    return;
                }
                if (nextBoundary != null) {
                    nextBoundary.cancel(false);
                }
                nextBoundaryAt = at;
                nextBoundary = timer().schedule(this::boundaryReached, Duration.between(now, at));
            }
        });
        return snapshot;
    }

    private void boundaryReached() {
        synchronized (this) {
            nextBoundary = null;
            nextBoundaryAt = null;
        }
        forget();
    }

    private Timer timer() {
        if (timer != null) {
            return timer;
        }
        return (task, delay) -> scheduler.schedule(task, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (nextBoundary != null) {
            nextBoundary.cancel(false);
        }
    }
}
