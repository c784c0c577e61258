package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.IDENTITY;

import dev.gatehouse.identity.InventoryIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identity inventory (C1, C13): every identity the provider knows, humans and agents, with its
 * roles and its use of the connections in scope, followed by the identities that ran sessions in
 * the period but that the provider does not know (deleted since, or never provisioned there).
 * The per-identity usage is one grouped query: as many rows as identities, never sessions.
 */
final class IdentityAppendix {

    static final List<String> COLUMNS = List.of("identity", "kind", "roles", "enabled", "known_to_identity_provider",
            "last_used_at", "sessions_in_period", "auth_methods_in_period");

    /** Use per identity: last session start before the period's end, sessions and auth methods in the period. */
    static final String USAGE = "select " + IDENTITY + " as identity, max(s.identity_kind) as kind, max(s.started_at) as last_used,"
            + " count(*) filter (where s.started_at >= :from) as sessions,"
            + " array_remove(array_agg(distinct s.auth_method) filter (where s.started_at >= :from), null) as methods"
            + " from data_session s where s.started_at < :to and s.connection_name = any(:scope) group by 1";

    record Usage(String kind, Instant lastUsed, long sessions, List<String> methods) {
    }

    private IdentityAppendix() {
    }

    static Map<String, Usage> usage(StoreQueries queries, Connection store) throws SQLException {
        Map<String, Usage> usage = new TreeMap<>();
        for (Object[] row : queries.of(USAGE).rows(store)) {
            @SuppressWarnings("unchecked")
            List<String> methods = row[4] == null ? List.of() : (List<String>) row[4];
            usage.put((String) row[0], new Usage((String) row[1], (Instant) row[2], (Long) row[3], methods));
        }
        return usage;
    }

    static RowSource rows(List<InventoryIdentity> inventory, Map<String, Usage> usage) {
        return sink -> {
            Map<String, InventoryIdentity> known = new LinkedHashMap<>();
            inventory.stream().sorted(Comparator.comparing(InventoryIdentity::name)).forEach(i -> known.putIfAbsent(i.name(), i));
            for (InventoryIdentity identity : known.values()) {
                Usage used = usage.get(identity.name());
                sink.row(new Object[] {identity.name(), identity.kind(), identity.roles().stream().sorted().toList(), identity.enabled(), true,
                    used == null ? null : used.lastUsed(), used == null ? 0L : used.sessions(), used == null ? List.of() : used.methods()});
            }
            for (Map.Entry<String, Usage> seen : usage.entrySet()) {
                if (!known.containsKey(seen.getKey()) && seen.getValue().sessions() > 0) {
                    Usage used = seen.getValue();
                    sink.row(new Object[] {seen.getKey(), used.kind(), null, null, false, used.lastUsed(), used.sessions(), used.methods()});
                }
            }
        };
    }

    /** Names that ran sessions in the period but are unknown to the identity provider. */
    static List<String> unknown(List<InventoryIdentity> inventory, Map<String, Usage> usage) {
        Set<String> known = inventory.stream().map(InventoryIdentity::name).collect(java.util.stream.Collectors.toSet());
        return usage.entrySet().stream().filter(e -> e.getValue().sessions() > 0 && !known.contains(e.getKey())).map(Map.Entry::getKey).toList();
    }
}
