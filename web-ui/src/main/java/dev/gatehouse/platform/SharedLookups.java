package dev.gatehouse.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers of a store lookup that the data path asks for on its event loops, kept for a while and
 * shared. A hit is an already-completed stage (a map lookup); a miss runs the lookup on the given
 * executor, never on the caller's thread, and concurrent callers share that one lookup. A failed
 * lookup is not kept, so the next caller retries. {@link #forgetAll} drops everything, and also
 * retires lookups still in flight, which may have read the store before the change that caused it.
 *
 * @param <V> the answer
 */
public final class SharedLookups<V> {

    private record Entry<V>(CompletableFuture<V> result, Instant expiresAt, long generation) {

        boolean freshAt(Instant now, long currentGeneration) {
            return generation == currentGeneration && now.isBefore(expiresAt);
        }
    }

    private final ConcurrentMap<String, Entry<V>> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;

    /**
     * @param ttl        bounds staleness when the store changes behind the application's back
     * @param maxEntries beyond this many keys the cache starts over rather than grow
     */
    public SharedLookups(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The answer for {@code key}: a copy, so no caller can complete or cancel what others share. */
    public CompletionStage<V> get(String key, Function<String, V> lookup, Executor executor) {
        Instant now = clock.instant();
        long current = generation.get();
        Entry<V> cached = cache.get(key);
        if (cached == null || !cached.freshAt(now, current)) {
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
            Entry<V> fresh = new Entry<>(new CompletableFuture<>(), now.plus(ttl), current);
            cached = cache.compute(key, (k, other) -> other != null && other.freshAt(now, current) ? other : fresh);
            if (cached == fresh) {
                load(key, fresh, lookup, executor);
            }
        }
        return cached.result().copy();
    }

    public void forgetAll() {
        generation.incrementAndGet();
        cache.clear();
    }

    private void load(String key, Entry<V> entry, Function<String, V> lookup, Executor executor) {
        try {
            CompletableFuture.supplyAsync(() -> lookup.apply(key), executor).whenComplete((answer, failure) -> {
                if (failure == null) {
                    entry.result().complete(answer);
                } else {
                    cache.remove(key, entry);
                    entry.result().completeExceptionally(failure);
                }
            });
        } catch (RuntimeException rejected) {
            cache.remove(key, entry);
            entry.result().completeExceptionally(rejected);
        }
    }
}
