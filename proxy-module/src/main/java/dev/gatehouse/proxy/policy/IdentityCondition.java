package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import java.util.Set;

/**
 * Whom a rule applies to. Each set left empty means "any"; filled sets must all hold (a kind
 * among {@code kinds}, and a role among {@code roles}, and a client among {@code clientIds}).
 */
public record IdentityCondition(Set<IdentityKind> kinds, Set<String> roles, Set<String> clientIds) {

    public static final IdentityCondition ANYONE = new IdentityCondition(Set.of(), Set.of(), Set.of());

    public IdentityCondition {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        clientIds = clientIds == null ? Set.of() : Set.copyOf(clientIds);
    }

    public boolean isAnyone() {
        return kinds.isEmpty() && roles.isEmpty() && clientIds.isEmpty();
    }

    public boolean matches(Identity identity) {
        return (kinds.isEmpty() || kinds.contains(identity.kind()))
                && (roles.isEmpty() || identity.roles().stream().anyMatch(roles::contains))
                && (clientIds.isEmpty() || clientIds.contains(identity.clientId()));
    }
}
