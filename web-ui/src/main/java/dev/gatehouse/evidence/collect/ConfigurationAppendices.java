package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ConfigurationHistory;
import dev.gatehouse.evidence.report.ConfigurationHistory.Change;
import dev.gatehouse.evidence.report.ConfigurationHistory.Setting;
import dev.gatehouse.identity.InventoryIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reconstructs the configuration from the audit chain and writes it as three appendices:
 * configuration-changes (every administrative change in the period: who, when, before, after,
 * approval), configuration-at-start and configuration-at-end (every property of every configured
 * object in force then). Each object's state is folded from its events in seq order: a creation
 * gives its properties, an update the changed ones, a deletion removes it.
 *
 * <p>Event details are read defensively: when an event carries {@code before}/{@code after} JSON
 * objects they are used as they are; otherwise (a "before" flattened to text, or none) the properties
 * are the details less their bookkeeping keys, and "before" is what the fold held for them. An approval is taken from {@code approvalRequestId},
 * {@code approval_request_id} or {@code approval} when present.
 */
public final class ConfigurationAppendices {

    /** The audit target types that are Gatehouse's own configuration. */
    static final Set<String> KINDS = Set.of("connection", "guardrail", "masking_rule", "masking_key", "masking_exemption",
            "retention_policy", "siem_sink", "approval-chain", "agent", "access_revocation");
    private static final Set<String> NOT_CHANGES = Set.of("connection.tested", "siem_sink.tested", "masking.coverage_sampled");
    private static final Set<String> BOOKKEEPING = Set.of("changedFields", "secretChanged", "before", "after", "approvalRequestId",
            "approval_request_id", "approval", "secretCleared");
    static final List<String> CHANGE_COLUMNS = List.of("seq", "occurred_at", "actor", "action", "kind", "target", "before", "after",
            "approval");
    static final List<String> SETTING_COLUMNS = List.of("kind", "name", "property", "value");

    private ConfigurationAppendices() {
    }

    public static ConfigurationHistory write(PackScope scope, Set<String> connections, List<InventoryIdentity> inventory, Connection store,
            PackEntries out, Map<String, Long> rows) throws SQLException, IOException {
        Map<String, Map<String, String>> state = new TreeMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        List<Setting> atStart = null;
        List<Change> changes = new ArrayList<>();
        Map<String, Long> byActor = new TreeMap<>();
        try (PreparedStatement query = store.prepareStatement("select seq, occurred_at, actor, action, target_type, target_id, target_name,"
                + " details::text from audit_event where target_type = any(?) and occurred_at < ? and seq is not null order by seq")) {
            query.setArray(1, store.createArrayOf("text", KINDS.toArray()));
            query.setTimestamp(2, Timestamp.from(scope.to()));
            query.setFetchSize(500);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String action = rs.getString(4);
                    if (NOT_CHANGES.contains(action)) {
                        continue;
                    }
                    Instant at = rs.getTimestamp(2).toInstant();
                    if (atStart == null && !at.isBefore(scope.from())) {
                        atStart = snapshot(state, names);
                    }
                    String kind = rs.getString(5);
                    String key = kind + "\u0000" + rs.getString(6);
                    String name = rs.getString(7) == null ? rs.getString(6) : rs.getString(7);
                    names.put(key, new String[] {kind, name});
                    JsonObject details = parse(rs.getString(8));
                    Map<String, String> previous = state.getOrDefault(key, Map.of());
                    Map<String, String> after = properties(action, details);
                    Map<String, String> before = new TreeMap<>();
                    if (details.get("before") instanceof JsonObject explicit) {
                        explicit.forEach((k, v) -> before.put(k, text(v)));
                    } else if (removes(action)) {
                        before.putAll(previous);
                    } else {
                        after.keySet().forEach(k -> before.put(k, previous.getOrDefault(k, "")));
                    }
                    if (removes(action)) {
                        state.remove(key);
                        after.clear();
                    } else if (creates(action)) {
                        state.put(key, new TreeMap<>(after));
                    } else {
                        state.computeIfAbsent(key, k -> new TreeMap<>()).putAll(after);
                    }
                    if (!at.isBefore(scope.from())) {
                        String actor = rs.getString(3);
                        changes.add(new Change(rs.getLong(1), at, actor, action, kind, name, before, after, approval(details)));
                        byActor.merge(actor, 1L, Long::sum);
                    }
                }
            }
        }
        if (atStart == null) {
            atStart = snapshot(state, names);
        }
        List<Setting> atEnd = snapshot(state, names);
        // Like every appendix, the configuration holds only the scope: objects of connections outside it are left out.
        atStart = inScope(atStart, connections);
        atEnd = inScope(atEnd, connections);
        changes.removeIf(c -> !inScope(c.kind(), c.target(), c.after(), connections) || !inScope(c.kind(), c.target(), c.before(), connections));
        byActor.clear();
        changes.forEach(c -> byActor.merge(c.actor(), 1L, Long::sum));
        AppendixWriter writer = new AppendixWriter(scope, connections, out);
        rows.put("configuration-changes", writer.write("configuration-changes", CHANGE_COLUMNS, sink -> {
            for (Change c : changes) {
                sink.row(new Object[] {c.seq(), c.at(), c.actor(), c.action(), c.kind(), c.target(), flat(c.before()), flat(c.after()),
                        c.approval()});
            }
        }));
        List<Setting> start = atStart;
        rows.put("configuration-at-start", writer.write("configuration-at-start", SETTING_COLUMNS, settings(start)));
        rows.put("configuration-at-end", writer.write("configuration-at-end", SETTING_COLUMNS, settings(atEnd)));
        Map<String, List<String>> holders = new TreeMap<>();
        for (InventoryIdentity identity : inventory) {
            identity.roles().stream().filter(r -> r.startsWith("gatehouse-"))
                    .forEach(role -> holders.computeIfAbsent(role, r -> new ArrayList<>()).add(identity.name()));
        }
        holders.values().forEach(list -> list.sort(null));
        return new ConfigurationHistory(changes, atStart, atEnd, byActor, holders);
    }

    private static final Set<String> CONNECTION_KEYS = Set.of("connection", "connectionName", "connection_name");
    /** Kinds whose object name is a connection name ('*' meaning every connection). */
    private static final Set<String> NAMED_BY_CONNECTION = Set.of("connection", "retention_policy");

    private static List<Setting> inScope(List<Setting> settings, Set<String> connections) {
        Map<String, Map<String, String>> byObject = new LinkedHashMap<>();
        settings.forEach(s -> byObject.computeIfAbsent(s.kind() + "\u0000" + s.name(), k -> new TreeMap<>()).put(s.property(), s.value()));
        return settings.stream().filter(s -> inScope(s.kind(), s.name(), byObject.get(s.kind() + "\u0000" + s.name()), connections)).toList();
    }

    private static boolean inScope(String kind, String name, Map<String, String> properties, Set<String> connections) {
        if (NAMED_BY_CONNECTION.contains(kind) && !"*".equals(name) && !connections.contains(name)) {
            return false;
        }
        for (String key : CONNECTION_KEYS) {
            String value = properties.get(key);
            if (value != null && !value.isEmpty() && !"*".equals(value) && !connections.contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static RowSource settings(List<Setting> settings) {
        return sink -> {
            for (Setting s : settings) {
                sink.row(new Object[] {s.kind(), s.name(), s.property(), s.value()});
            }
        };
    }

    private static List<Setting> snapshot(Map<String, Map<String, String>> state, Map<String, String[]> names) {
        List<Setting> settings = new ArrayList<>();
        state.forEach((key, properties) -> {
            String[] name = names.get(key);
            properties.forEach((property, value) -> settings.add(new Setting(name[0], name[1], property, value)));
        });
        settings.sort(java.util.Comparator.comparing(Setting::kind).thenComparing(Setting::name).thenComparing(Setting::property));
        return settings;
    }

    private static boolean creates(String action) {
        return action.endsWith("created") || action.endsWith("registered") || action.endsWith("granted");
    }

    private static boolean removes(String action) {
        return action.endsWith("deleted") || action.endsWith("removed") || action.endsWith("revoked") || action.endsWith("lifted");
    }

    private static Map<String, String> properties(String action, JsonObject details) {
        Map<String, String> properties = new TreeMap<>();
        if (details.get("after") instanceof JsonObject explicit) {
            explicit.forEach((k, v) -> properties.put(k, text(v)));
        } else {
            details.forEach((k, v) -> {
                if (!BOOKKEEPING.contains(k)) {
                    properties.put(k, text(v));
                }
            });
        }
        if (action.equals("agent.enabled") || action.equals("agent.disabled")) {
            properties.put("enabled", Boolean.toString(action.equals("agent.enabled")));
        }
        return properties;
    }

    private static String approval(JsonObject details) {
        for (String key : List.of("approvalRequestId", "approval_request_id", "approval")) {
            JsonValue value = details.get(key);
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                return text(value);
            }
        }
        return "";
    }

    private static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT; // unreadable details: the change is still listed, with what the row itself says
        }
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private static String flat(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return text.toString();
    }
}
