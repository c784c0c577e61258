package dev.gatehouse.catalog;

import dev.gatehouse.platform.SharedLookups;
import dev.gatehouse.proxy.api.Connection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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

    private SharedLookups<Optional<Connection>> cache = new SharedLookups<>(TTL, MAX_ENTRIES, Clock.systemUTC());

    @Inject
    TargetConnectionRepository repository;

    @Resource
    ManagedExecutorService managedExecutor;

    /** Set only by tests; the container's managed executor otherwise. */
    private Executor executor;

    protected CatalogConnectionDirectory() {
        // for CDI
    }

    CatalogConnectionDirectory(TargetConnectionRepository repository, Executor executor, Clock clock) {
        this.repository = repository;
        this.executor = executor;
        this.cache = new SharedLookups<>(TTL, MAX_ENTRIES, clock);
    }

    @Override
    public CompletionStage<Optional<Connection>> find(String name) {
        return cache.get(name, repository::findDescriptor, executor != null ? executor : managedExecutor);
    }

    /**
     * Drops every cached answer once a catalog change has committed (a rename changes the key). The
     * generation also retires lookups still in flight, which may have read the row before the commit.
     */
    void forgetAll(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionCatalogChanged change) {
        cache.forgetAll();
    }
}
