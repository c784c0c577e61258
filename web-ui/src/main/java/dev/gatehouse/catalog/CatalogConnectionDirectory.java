package dev.gatehouse.catalog;

import dev.gatehouse.proxy.api.Connection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data path's view of the catalog: every login looks its connection up by name, so answers are
 * cached for {@link #TTL} and dropped as soon as the catalog commits a change. Lookups run on the
 * managed executor, never on the caller's thread (a Netty event loop must not wait for the store).
 * Unknown names are cached too, so a client trying names cannot turn each attempt into a query;
 * failed lookups are not, so the next login retries. Concurrent logins for the same name share one
 * lookup.
 */
@ApplicationScoped
public class CatalogConnectionDirectory implements dev.gatehouse.proxy.api.ConnectionCatalog {

    /** Bounds staleness when the store is changed behind the catalog's back (another node, SQL). */
    static final Duration TTL = Duration.ofSeconds(5);
    /** Beyond this many names the cache starts over rather than grow with made-up names. */
    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    TargetConnectionRepository repository;

    @Resource
    ManagedExecutorService managedExecutor;

    /** Set only by tests; the container's managed executor otherwise. */
    private Executor executor;
    private Clock clock = Clock.systemUTC();

    protected CatalogConnectionDirectory() {
        // for CDI
    }

    CatalogConnectionDirectory(TargetConnectionRepository repository, Executor executor, Clock clock) {
        this.repository = repository;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Optional<Connection>> find(String name) {
        Instant now = clock.instant();
        long current = generation.get();
        Entry cached = cache.get(name);
        if (cached == null || !cached.freshAt(now, current)) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            Entry fresh = new Entry(new CompletableFuture<>(), now.plus(TTL), current);
            cached = cache.compute(name, (key, other) -> other != null && other.freshAt(now, current) ? other : fresh);
            if (cached == fresh) {
                load(name, fresh);
            }
        }
        // A copy, so no caller can complete or cancel the answer other logins share.
        return cached.result().copy();
    }

    /**
     * Drops every cached answer once a catalog change has committed (a rename changes the key). The
     * generation also retires lookups still in flight, which may have read the row before the commit.
     */
    void forgetAll(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionCatalogChanged change) {
        generation.incrementAndGet();
        cache.clear();
    }

    private void load(String name, Entry entry) {
        try {
            CompletableFuture.supplyAsync(() -> repository.findDescriptor(name),
                            executor != null ? executor : managedExecutor)
                    .whenComplete((found, failure) -> {
                        if (failure == null) {
                            entry.result().complete(found);
                        } else {
                            cache.remove(name, entry);
                            entry.result().completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException rejected) {
            cache.remove(name, entry);
            entry.result().completeExceptionally(rejected);
        }
    }

    private record Entry(CompletableFuture<Optional<Connection>> result, Instant expiresAt, long generation) {

        boolean freshAt(Instant now, long currentGeneration) {
            return generation == currentGeneration && now.isBefore(expiresAt);
        }
    }
}
