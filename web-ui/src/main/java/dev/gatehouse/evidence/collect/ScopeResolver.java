package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a pack's connection and label choices into the connection names the pack covers.
 *
 * <ul>
 * <li>Names and labels add up: a connection is in scope when it is named, or carries one of the
 * labels ("key=value").</li>
 * <li>A named connection or a label that matches nothing is an error naming it: an examiner must
 * never receive a pack silently narrower than requested.</li>
 * <li>Neither given means every connection: the catalog's, plus the names recorded on sessions in
 * the period, because recordings outlive deleted connections and "every connection" must not drop
 * their history.</li>
 * </ul>
 */
public final class ScopeResolver {

    private ScopeResolver() {
    }

    public static Set<String> resolve(PackScope scope, Connection store) throws SQLException {
        Set<String> names = new TreeSet<>();
        if (scope.allConnections()) {
            names.addAll(strings(store, "select name from connection", List.of()));
            try (PreparedStatement ps = store.prepareStatement(
                    "select distinct connection_name from data_session where started_at >= ? and started_at < ?")) {
                ps.setObject(1, StoreQuery.utc(scope.from()));
                ps.setObject(2, StoreQuery.utc(scope.to()));
                names.addAll(strings(ps));
            }
            return names;
        }
        List<String> unknown = new ArrayList<>();
        Set<String> catalog = new TreeSet<>(strings(store, "select name from connection", List.of()));
        for (String name : scope.connections()) {
            if (catalog.contains(name)) {
                names.add(name);
            } else {
                unknown.add("connection '" + name + "'");
            }
        }
        for (String label : scope.labels()) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("label '" + label + "' is not of the form key=value");
            }
            List<String> labelled = strings(store, "select c.name from connection c join connection_label l on l.connection_id = c.id"
                    + " where l.label_key = ? and l.label_value = ?", List.of(label.substring(0, eq).strip(), label.substring(eq + 1).strip()));
            if (labelled.isEmpty()) {
                unknown.add("label '" + label + "'");
            }
            names.addAll(labelled);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown in the pack's scope: " + String.join(", ", unknown));
        }
        return names;
    }

    private static List<String> strings(Connection store, String sql, List<String> params) throws SQLException {
        try (PreparedStatement ps = store.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            return strings(ps);
        }
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
