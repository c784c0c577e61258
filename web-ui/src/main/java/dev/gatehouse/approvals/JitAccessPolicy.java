package dev.gatehouse.approvals;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import java.time.Clock;

/**
 * Just-in-time access on top of the allow list: on a connection that requires it, a session also
 * ({@link Connection#requiresJit()}) a session also needs a live access grant, answered from
 * {@link GrantsCache} (a map lookup, fine on the event loop).
 */
public final class JitAccessPolicy implements AccessPolicy {

    private final AccessPolicy allowList;
    private final GrantsCache grants;
    private final Clock clock;

    public JitAccessPolicy(AccessPolicy allowList, GrantsCache grants, Clock clock) {
        this.allowList = allowList;
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public AccessDecision decide(Identity identity, Connection connection) {
        AccessDecision allowed = allowList.decide(identity, connection);
        if (!allowed.allowed()) {
            return allowed;
        }
        if (!connection.requiresJit()) {
            return allowed;
        }
        if (!grants.loaded()) {
            return AccessDecision.denyExplained("the gateway is still loading access grants; retry in a moment");
        }
        if (grants.holdsGrant(identity.displayName(), connection.name(), clock.instant())) {
            return allowed;
        }
        return AccessDecision.denyExplained("connection \"" + connection.name() + "\" requires just-in-time access and \""
                + identity.displayName() + "\" holds no live grant: request one with POST /api/v1/approvals "
                + "{\"connection\": \"" + connection.name() + "\", \"reason\": \"...\", \"duration\": \"PT1H\"} "
                + "(or on the approvals page), then connect again once it is approved");
    }
}
