package dev.gatehouse.guardrails;

import dev.gatehouse.catalog.ConnectionCatalogChanged;
import dev.gatehouse.platform.SharedLookups;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.policy.RuleSet;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The data path's view of the guardrail rules. It is asked for every statement, on a Netty event
 * loop, so it answers from a cache: a hit is an already-completed stage and costs a map lookup.
 * Entries live for {@link #TTL} and are dropped as soon as a rule, a setting or the catalog
 * changes. A miss loads the connection's {@link EffectiveRules} on the executor the data path hands
 * over (never on the caller's thread); concurrent statements share one load. A failed load is not
 * cached and completes the stage exceptionally, which the data path turns into a denial (fail
 * closed); the next statement retries.
 */
@ApplicationScoped
public class JpaGuardrailRules implements GuardrailRules {

    /** Bounds staleness when the store is changed behind the service's back (another node, SQL). */
    static final Duration TTL = Duration.ofSeconds(5);
    /** Connections, not client input, are the keys; the bound only guards against surprises. */
    static final int MAX_ENTRIES = 10_000;

    private SharedLookups<RuleSet> cache = new SharedLookups<>(TTL, MAX_ENTRIES, Clock.systemUTC());

    @Inject
    GuardrailRuleRepository repository;

    @Resource
    ManagedExecutorService managedExecutor;

    private Function<String, RuleSet> loader;
    private volatile Executor executor;

    protected JpaGuardrailRules() {
        // for CDI
    }

    JpaGuardrailRules(Function<String, RuleSet> loader, Executor executor, Clock clock) {
        this.loader = loader;
        this.executor = executor;
        this.cache = new SharedLookups<>(TTL, MAX_ENTRIES, clock);
    }

    /**
     * The executor for loads. The data path calls {@link #rulesFor} on its event loops, which are not
     * container threads: a load submitted from there to the managed executor would run without the
     * application's context. The data path builds an executor that carries that context, on a
     * container thread, and hands it over here at start. Until then (or without a data path) loads
     * run on the managed executor, which is right for callers on container threads.
     */
    public void runLookupsOn(Executor inApplicationContext) {
        this.executor = inApplicationContext;
    }

    @Override
    public CompletionStage<RuleSet> rulesFor(Connection connection) {
        Function<String, RuleSet> load = loader != null ? loader : repository::effectiveRuleSet;
        return cache.get(connection.name(), load, executor != null ? executor : managedExecutor);
    }

    /**
     * Drops every cached rule set once a change has committed. A global rule concerns every
     * connection, and a renamed connection changes the key, so forgetting everything is the simple
     * correct answer; changes are rare next to statements. The generation also retires loads still in
     * flight, which may have read the rules before the commit.
     */
    void forgetAll(@Observes(during = TransactionPhase.AFTER_SUCCESS) GuardrailsChanged change) {
        forgetAll();
    }

    void forgetAllConnections(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConnectionCatalogChanged change) {
        forgetAll();
    }

    void forgetAll() {
        cache.forgetAll();
    }
}
