package dev.gatehouse.approvals;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data path's view of just-in-time access: which connections require a grant and who holds a
 * live one. Reads are map lookups, safe on the event loop; {@link GrantsRefresher} replaces the
 * snapshot every second and when a grant is issued or revoked on this node.
 */
@ApplicationScoped
public class GrantsCache {

    /** @param grants connection → requester → live grants */
    record Snapshot(Set<String> jitConnections, Map<String, Map<String, List<AccessGrants.LiveGrant>>> grants) {
    }

    private volatile Snapshot snapshot = new Snapshot(Set.of(), Map.of());
    private volatile boolean loaded;

    public boolean requiresJit(String connection) {
        return snapshot.jitConnections().contains(connection);
    }

    /** Whether {@code requester} holds a grant on {@code connection} that is live at {@code now}. */
    public boolean holdsGrant(String requester, String connection, Instant now) {
        return grantsOf(requester, connection).stream().anyMatch(grant -> grant.validUntil().isAfter(now));
    }

    List<AccessGrants.LiveGrant> grantsOf(String requester, String connection) {
        return snapshot.grants().getOrDefault(connection, Map.of()).getOrDefault(requester, List.of());
    }

    /** False until the first load: the data path then refuses JIT connections rather than guess. */
    public boolean loaded() {
        return loaded;
    }

    /** The first load, before the data path takes sessions. */
    public void prime(AccessGrants store) {
        replace(store.connectionsRequiringJit(), store.live(Instant.now()));
    }

    /** @return the snapshot it replaced */
    Snapshot replace(Set<String> jitConnections, List<AccessGrants.LiveGrant> live) {
        Map<String, Map<String, List<AccessGrants.LiveGrant>>> grants = new HashMap<>();
        for (AccessGrants.LiveGrant grant : live) {
            grants.computeIfAbsent(grant.connection(), c -> new HashMap<>())
                    .merge(grant.requester(), List.of(grant), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        }
        Snapshot previous = snapshot;
        snapshot = new Snapshot(Set.copyOf(jitConnections), grants);
        loaded = true;
        return previous;
    }
}
