package dev.gatehouse.accessreview;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;

/**
 * Access reviews on top of the rest of the access chain: an identity whose access to a connection an
 * access review revoked is refused there, with a message saying which review and how to get back in,
 * until an admin lifts the revocation. Answered from {@link AccessRevocationsCache} (a map lookup,
 * fine on the event loop); fail-closed until the cache is first loaded.
 */
public final class ReviewedAccessPolicy implements AccessPolicy {

    private final AccessPolicy delegate;
    private final AccessRevocationsCache revocations;

    public ReviewedAccessPolicy(AccessPolicy delegate, AccessRevocationsCache revocations) {
        this.delegate = delegate;
        this.revocations = revocations;
    }

    @Override
    public AccessDecision decide(Identity identity, Connection connection) {
        AccessDecision decision = delegate.decide(identity, connection);
        if (!decision.allowed()) {
            return decision;
        }
        if (!revocations.loaded()) {
            return AccessDecision.denyExplained("the gateway is still loading access-review revocations; retry in a moment");
        }
        return revocations.revocation(identity.displayName(), connection.name())
                .map(revoked -> AccessDecision.denyExplained(revoked.clientMessage()))
                .orElse(decision);
    }
}
