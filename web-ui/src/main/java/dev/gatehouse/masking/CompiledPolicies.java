package dev.gatehouse.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.masking.MaskingPolicy;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The policies compiled from one snapshot, kept until the next grant starts or ends. The data path
 * asks for a policy at every request and rebuilds a session's masking whenever the instance
 * differs, so equal answers must be the same instance; compiling anew per request would also put
 * a pass over the rules on the event loop each time.
 */
final class CompiledPolicies {

    /** Distinct scopes kept at most; past it the map starts over (a cost, never a wrong answer). */
    static final int MAX_SCOPES = 10_000;

    private final MaskingSnapshot snapshot;
    private final Instant compiledAt;
    private final Instant validUntil;
    private final ConcurrentMap<Scope, MaskingPolicy> byScope = new ConcurrentHashMap<>();

    /** What a policy depends on: not the token id or expiry, which differ per session. */
    private record Scope(String subject, String username, String clientId, Set<String> roles, String connection) {
        static Scope of(Identity identity, Connection connection) {
            return new Scope(identity.subject(), identity.username(), identity.clientId(), identity.roles(), connection.name());
        }
    }

    CompiledPolicies(MaskingSnapshot snapshot, Instant now) {
        this.snapshot = snapshot;
        this.compiledAt = now;
        this.validUntil = snapshot.nextChangeAfter(now).orElse(Instant.MAX);
    }

    /** Whether these policies still answer for {@code snapshot} at {@code now}. */
    boolean answerFor(MaskingSnapshot current, Instant now) {
        return snapshot == current && now.isBefore(validUntil);
    }

    MaskingPolicy policyFor(Identity identity, Connection connection) {
        if (byScope.size() >= MAX_SCOPES) {
            byScope.clear();
        }
        return byScope.computeIfAbsent(Scope.of(identity, connection), scope -> snapshot.policyFor(identity, connection, compiledAt));
    }
}
