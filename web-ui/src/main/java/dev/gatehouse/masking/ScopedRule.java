package dev.gatehouse.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.masking.MaskingRule;
import java.util.Set;
import java.util.UUID;

/**
 * An enabled rule with where and for whom it applies, as the policy compiler reads it.
 *
 * @param connection a connection's name or {@code *}
 * @param roles      with {@code identities} both empty: everyone
 * @param identities usernames, IdP subjects or agents' client ids
 */
public record ScopedRule(UUID id, String connection, Set<String> roles, Set<String> identities, MaskingRule rule) {

    public ScopedRule {
        roles = Set.copyOf(roles);
        identities = Set.copyOf(identities);
    }

    public boolean appliesOn(Connection target) {
        return MaskingRuleDraft.EVERY_CONNECTION.equals(connection) || connection.equals(target.name());
    }

    public boolean appliesTo(Identity identity) {
        if (roles.isEmpty() && identities.isEmpty()) {
            return true;
        }
        return identity.roles().stream().anyMatch(roles::contains)
                || identities.contains(identity.subject())
                || identity.username() != null && identities.contains(identity.username())
                || identity.clientId() != null && identities.contains(identity.clientId());
    }
}
