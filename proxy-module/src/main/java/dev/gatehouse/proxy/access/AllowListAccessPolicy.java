package dev.gatehouse.proxy.access;

import dev.gatehouse.proxy.api.AccessDecision;
import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.Identity;
import java.util.Comparator;

/**
 * Default-deny allow list. Each entry of a connection's {@code allowedRoles} is one of:
 * <ul>
 *   <li>{@code role:<realm role>} or a bare name, which means a realm role;</li>
 *   <li>{@code group:<group path>}, matching that group or any group below it;</li>
 *   <li>{@code client:<client id>}, matching an agent (or any token) issued to that OAuth client.</li>
 * </ul>
 * Entries are tried in sorted order so the same inputs always name the same matching entry.
 */
public final class AllowListAccessPolicy implements AccessPolicy {

    @Override
    public AccessDecision decide(Identity identity, Connection connection) {
        if (connection.allowedRoles().isEmpty()) {
            return AccessDecision.deny("connection '" + connection.name() + "' allows nobody yet (default deny)");
        }
        return connection.allowedRoles().stream()
                .sorted(Comparator.naturalOrder())
                .map(AllowListEntry::parse)
                .filter(entry -> entry.matches(identity))
                .findFirst()
                .map(entry -> AccessDecision.allow(entry.canonical()))
                .orElseGet(() -> AccessDecision.deny("'" + identity.displayName() + "' has none of the roles, groups or clients "
                        + "allowed on connection '" + connection.name() + "'"));
    }
}
