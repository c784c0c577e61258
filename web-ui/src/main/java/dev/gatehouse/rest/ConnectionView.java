package dev.gatehouse.rest;

import dev.gatehouse.catalog.TargetConnection;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A connection as the API returns it. There is no secret field, only whether one is set. */
@Schema(name = "Connection", description = "A registered connection. secretSet tells whether a secret is stored; the secret itself is never returned.")
public record ConnectionView(String id, String name, String type, String host, int port, String database, String username,
        boolean secretSet,
        String tlsMode, boolean requireClientTls, boolean auditFailClosed, boolean requiresJit, Map<String, String> labels, Set<String> allowedRoles, Set<String> allowedStartupParameters,
        Instant createdAt, Instant updatedAt, long version) {

    static ConnectionView of(TargetConnection c) {
        return new ConnectionView(c.id().toString(), c.name(), c.type().wireName(), c.host(), c.port(), c.database(), c.username(),
                c.secretSet(), c.tlsMode().wireName(), c.requireClientTls(), c.auditFailClosed(), c.requiresJit(), new TreeMap<>(c.labels()), new TreeSet<>(c.allowedRoles()),
                new TreeSet<>(c.allowedStartupParameters()), c.createdAt(),
                c.updatedAt(), c.version());
    }
}
