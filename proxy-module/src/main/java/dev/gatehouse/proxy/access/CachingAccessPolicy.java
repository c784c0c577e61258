package dev.gatehouse.proxy.access;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memoises decisions for a short time. The key holds everything the decision depends on (the
 * identity's roles, groups and client, and the connection's allow list), so a changed grant or a
 * changed token produces a new key at once; the TTL only bounds memory, not staleness.
 */
public final class CachingAccessPolicy implements AccessPolicy {

    private record Key(String subject, String clientId, java.util.Set<String> roles, java.util.Set<String> groups,
            String connection, java.util.Set<String> allowList) {
    }

    private record Entry(AccessDecision decision, long expiresAtMillis) {
    }

    private final AccessPolicy delegate;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

    public CachingAccessPolicy(AccessPolicy delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public AccessDecision decide(Identity identity, Connection connection) {
        Key key = new Key(identity.subject(), identity.clientId(), identity.roles(), identity.groups(), connection.name(),
                connection.allowedRoles());
        long now = clock.millis();
        Entry cached = cache.get(key);
        if (cached != null && cached.expiresAtMillis > now) {
            return cached.decision;
        }
        AccessDecision decision = delegate.decide(identity, connection);
        if (cache.size() >= maxEntries) {
            // Crude but bounded: a full cache is dropped rather than grown; decisions are cheap to redo.
            cache.clear();
        }
        cache.put(key, new Entry(decision, now + ttl.toMillis()));
        return decision;
    }

    int size() {
        return cache.size();
    }
}
