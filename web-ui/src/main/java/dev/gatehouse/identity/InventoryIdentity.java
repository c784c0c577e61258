package dev.gatehouse.identity;

import java.util.Set;

/**
 * One identity the identity provider knows: a person, or an agent (a service account).
 *
 * @param name    what the data path and the audit trail call it (username, or the agent's client id)
 * @param kind    "human" or "agent"
 * @param roles   realm roles
 * @param enabled false for a disabled account
 */
public record InventoryIdentity(String name, String kind, Set<String> roles, boolean enabled) {

    public InventoryIdentity {
        roles = Set.copyOf(roles);
    }

    public boolean isAgent() {
        return "agent".equals(kind);
    }
}
