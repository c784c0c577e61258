package dev.gatehouse.agents;

import java.util.Set;

/** A non-human identity: a Keycloak confidential client with a service account, as Gatehouse lists it. */
public record Agent(String clientId, String description, boolean enabled, Set<String> roles, Set<String> connections,
        String createdBy) {
}
