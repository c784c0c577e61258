package dev.gatehouse.agents;

import java.util.Set;
import java.util.TreeSet;

/** What an admin submits to register an agent: its name, purpose, realm roles and connection grants. */
public record AgentDraft(String name, String description, Set<String> roles, Set<String> connections) {

    public AgentDraft {
        name = name == null ? null : name.trim();
        description = description == null ? "" : description.trim();
        roles = roles == null ? Set.of() : new TreeSet<>(roles);
        connections = connections == null ? Set.of() : new TreeSet<>(connections);
    }
}
