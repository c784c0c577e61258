package dev.gatehouse.accessreview;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data path's view of the live access-review revocations: a map lookup per new session, safe on
 * the event loop. {@link AccessRevocationsRefresher} replaces the snapshot every second and right
 * after a revocation or a lift on this node. Until the first load the data path refuses everyone
 * ({@link #loaded()}), rather than admit someone who may have been revoked.
 */
@ApplicationScoped
public class AccessRevocationsCache {

    private record Key(String identity, String connection) {
    }

    private volatile Map<Key, Revocation> live = Map.of();
    private volatile boolean loaded;

    public Optional<Revocation> revocation(String identity, String connection) {
        return Optional.ofNullable(live.get(new Key(identity, connection)));
    }

    public boolean loaded() {
        return loaded;
    }

    /** The first load, before the data path takes sessions. */
    public void prime(AccessReviewStore store) {
        replace(store.revocations(true));
    }

    /** @return the revocations that were not live in the snapshot it replaced */
    List<Revocation> replace(List<Revocation> revocations) {
        Map<Key, Revocation> next = new HashMap<>();
        for (Revocation revocation : revocations) {
            if (revocation.isLive()) {
                next.put(new Key(revocation.identity(), revocation.connection()), revocation);
            }
        }
        Map<Key, Revocation> previous = live;
        boolean first = !loaded;
        live = Map.copyOf(next);
        loaded = true;
        // On the first load no session can predate it: the data path refused all until now.
        return first ? List.of() : next.entrySet().stream()
                .filter(entry -> !entry.getValue().id().equals(idOf(previous.get(entry.getKey()))))
                .map(Map.Entry::getValue).toList();
    }

    private static Object idOf(Revocation revocation) {
        return revocation == null ? null : revocation.id();
    }
}
