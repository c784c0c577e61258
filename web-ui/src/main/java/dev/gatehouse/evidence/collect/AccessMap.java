package dev.gatehouse.evidence.collect;

import dev.gatehouse.identity.InventoryIdentity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which inventory identity may open which connection in scope through the connection's access
 * rules ("role:x" or "x" by realm role, "client:x" by agent). Group entries are not resolved: the
 * inventory carries no group membership, so access through a group is not listed (documented in
 * the C1 section).
 */
final class AccessMap {

    record Access(String identity, String kind, String connection, String via) {
    }

    private AccessMap() {
    }

    static List<Access> of(EvidenceContext context) throws SQLException {
        List<Object[]> rules = context.rows("select c.name, r.role_name from connection c join connection_allowed_role r"
                + " on r.connection_id = c.id where c.name = any(:scope) order by 1, 2");
        List<Access> access = new ArrayList<>();
        for (InventoryIdentity identity : context.inventory()) {
            if (!identity.enabled()) {
                continue;
            }
            Set<String> seen = new TreeSet<>();
            for (Object[] rule : rules) {
                String connection = (String) rule[0];
                String entry = ((String) rule[1]).strip();
                if (matches(identity, entry) && seen.add(connection)) {
                    access.add(new Access(identity.name(), identity.kind(), connection, entry));
                }
            }
        }
        return access;
    }

    private static boolean matches(InventoryIdentity identity, String entry) {
        int colon = entry.indexOf(':');
        String prefix = colon > 0 ? entry.substring(0, colon).toLowerCase(Locale.ROOT) : "role";
        String value = colon > 0 && Set.of("role", "group", "client").contains(prefix) ? entry.substring(colon + 1) : entry;
        return switch (prefix) {
            case "client" -> identity.isAgent() && identity.name().equals(value);
            case "group" -> false;
            default -> identity.roles().contains(value);
        };
    }
}
