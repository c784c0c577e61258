package dev.gatehouse.access;

import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.TargetConnection;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.proxy.access.AllowListAccessPolicy;
import dev.gatehouse.proxy.access.CachingAccessPolicy;
import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.AuditSink;
import dev.gatehouse.proxy.api.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Answers "may this identity use this connection?" with the proxy's cached allow-list policy and
 * records every answer, allowed or not, with the identity's attributes and the reason.
 */
@ApplicationScoped
public class AccessService {

    private final AccessPolicy policy = new CachingAccessPolicy(new AllowListAccessPolicy(), Duration.ofSeconds(60), 10_000, Clock.systemUTC());

    @Inject
    TargetConnectionRepository connections;

    @Inject
    AuditSink auditSink;

    public AccessDecision decide(Identity identity, String connectionName) {
        TargetConnection connection = connections.findByName(connectionName).orElse(null);
        if (connection == null) {
            auditSink.record(identity, "access.decided", "connection", connectionName, "denied",
                    Map.of("reason", "unknown connection", "matchedEntry", ""));
            throw new ConnectionNotFoundException(connectionName);
        }
        AccessDecision decision = policy.decide(identity, connection.toDescriptor());
        auditSink.record(identity, "access.decided", "connection", connectionName, decision.allowed() ? "allowed" : "denied",
                Map.of("reason", decision.reason(), "matchedEntry", decision.matchedEntry()));
        return decision;
    }
}
