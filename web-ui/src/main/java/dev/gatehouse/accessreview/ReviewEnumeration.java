package dev.gatehouse.accessreview;

import dev.gatehouse.identity.InventoryIdentity;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a campaign lists, worked out from plain inputs: per connection in scope, every identity the
 * allow list admits (one item per matching entry), every live just-in-time grant and every open
 * unmask exemption. An identity the inventory does not know but that holds a grant is still listed
 * (kind {@code unknown}): the grant is access all the same.
 */
public final class ReviewEnumeration {

    /** A connection and its allow list. */
    public record ConnectionAccess(String name, Set<String> allowList) {
    }

    /** A grant held by {@code identity} on {@code connection}: a JIT grant or an unmask exemption. */
    public record HeldGrant(String identity, String connection, AccessVia via) {
    }

    /** One item to be: who, on which connection, by which path. */
    public record ItemDraft(String identity, String identityKind, String connection, AccessVia via) {
    }

    private ReviewEnumeration() {
    }

    public static List<ItemDraft> items(Collection<ConnectionAccess> connections, Collection<InventoryIdentity> identities,
            Collection<HeldGrant> grants) {
        Map<String, InventoryIdentity> byName = identities.stream()
                .collect(Collectors.toMap(InventoryIdentity::name, Function.identity(), (a, b) -> a));
        Set<ItemDraft> items = new LinkedHashSet<>();
        for (ConnectionAccess connection : connections.stream().sorted(Comparator.comparing(ConnectionAccess::name)).toList()) {
            for (String entry : connection.allowList().stream().sorted().toList()) {
                AccessVia.fromAllowListEntry(entry).ifPresent(via -> identities.stream()
                        .filter(identity -> admits(via, identity))
                        .sorted(Comparator.comparing(InventoryIdentity::name))
                        .forEach(identity -> items.add(new ItemDraft(identity.name(), identity.kind(), connection.name(), via))));
            }
            grants.stream().filter(grant -> grant.connection().equals(connection.name()))
                    .sorted(Comparator.comparing(HeldGrant::identity).thenComparing(grant -> grant.via().toString()))
                    .forEach(grant -> items.add(new ItemDraft(grant.identity(), kindOf(byName, grant.identity()), connection.name(),
                            grant.via())));
        }
        return List.copyOf(items);
    }

    private static boolean admits(AccessVia via, InventoryIdentity identity) {
        return switch (via.kind()) {
            case ROLE -> identity.roles().contains(via.value());
            case CLIENT -> identity.isAgent() && identity.name().equals(via.value());
            case JIT, UNMASK -> false;
        };
    }

    private static String kindOf(Map<String, InventoryIdentity> byName, String name) {
        InventoryIdentity known = byName.get(name);
        return known == null ? "unknown" : known.kind();
    }
}
