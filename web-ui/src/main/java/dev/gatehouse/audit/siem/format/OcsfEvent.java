package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One exported event as an OCSF 1.3.0 event object (docs/siem.md, "OCSF"): the base attributes every
 * class shares, then the attributes of the class {@link OcsfMapping} picked. Attributes without a value
 * are left out rather than sent as null; what OCSF has no place for (the chain hashes, the raw details)
 * goes to {@code unmapped}.
 */
public final class OcsfEvent {

    public static final String SCHEMA_VERSION = "1.3.0";
    static final String LOG_NAME = "gatehouse.audit";

    private OcsfEvent() {
    }

    public static Map<String, Object> of(ExportedEvent e, ExportOrigin origin) {
        OcsfActivity activity = OcsfMapping.of(e.action());
        EventSeverity severity = EventSeverity.of(e);
        Map<String, Object> ocsf = new LinkedHashMap<>();
        ocsf.put("activity_id", activity.id());
        ocsf.put("activity_name", activity.name());
        ocsf.put("category_uid", activity.ocsfClass().categoryUid());
        ocsf.put("category_name", activity.ocsfClass().categoryCaption());
        ocsf.put("class_uid", activity.ocsfClass().uid());
        ocsf.put("class_name", activity.ocsfClass().caption());
        ocsf.put("type_uid", activity.typeUid());
        ocsf.put("type_name", activity.typeName());
        ocsf.put("severity_id", severity.ocsfId());
        ocsf.put("severity", severity.ocsfName());
        boolean success = "success".equals(e.outcome());
        ocsf.put("status_id", success ? 1 : 2);
        ocsf.put("status", success ? "Success" : "Failure");
        putIfPresent(ocsf, "status_code", firstPresent(e.detail("sqlState"), e.detail("reason")));
        putIfPresent(ocsf, "status_detail", statusDetail(e));
        ocsf.put("time", e.occurredAt().toEpochMilli());
        ocsf.put("timezone_offset", 0);
        ocsf.put("message", message(e));
        ocsf.put("metadata", metadata(e, origin));
        ocsf.put("actor", actor(e));
        ocsf.put("src_endpoint", sourceEndpoint(e, origin));
        switch (activity.ocsfClass()) {
            case DATASTORE_ACTIVITY -> datastore(ocsf, e);
            case AUTHENTICATION -> authentication(ocsf, e);
            case AUTHORIZE_SESSION -> authorizeSession(ocsf, e);
            case ACCOUNT_CHANGE -> accountChange(ocsf, e);
            case API_ACTIVITY -> apiActivity(ocsf, e);
        }
        ocsf.put("unmapped", unmapped(e));
        return ocsf;
    }

    private static Map<String, Object> metadata(ExportedEvent e, ExportOrigin origin) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", ExportOrigin.PRODUCT);
        product.put("vendor_name", ExportOrigin.VENDOR);
        product.put("version", origin.productVersion());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", SCHEMA_VERSION);
        metadata.put("product", product);
        metadata.put("uid", Long.toString(e.seq()));
        metadata.put("sequence", e.seq());
        metadata.put("log_name", LOG_NAME);
        return metadata;
    }

    private static Map<String, Object> actor(ExportedEvent e) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("user", user(e.actor(), e.actorKind()));
        String sessionId = e.detail("sessionId");
        if (sessionId != null) {
            actor.put("session", Map.of("uid", sessionId));
        }
        return actor;
    }

    /** OCSF user type_id: 1 User, 3 System, 99 Other (with the Gatehouse kind), 0 Unknown. */
    static Map<String, Object> user(String name, String kind) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", name == null ? "unknown" : name);
        switch (kind == null ? "" : kind) {
            case "human" -> {
                user.put("type_id", 1);
                user.put("type", "User");
            }
            case "system" -> {
                user.put("type_id", 3);
                user.put("type", "System");
            }
            case "agent" -> {
                user.put("type_id", 99);
                user.put("type", "Agent");
            }
            default -> {
                user.put("type_id", 0);
                user.put("type", "Unknown");
            }
        }
        return user;
    }

    /** OCSF requires a source on API and datastore activity; without a client address it names what is known. */
    private static Map<String, Object> sourceEndpoint(ExportedEvent e, ExportOrigin origin) {
        String address = e.clientAddress();
        if (address != null && !address.isBlank()) {
            return Map.of(IpLiteral.isV4(address) || IpLiteral.isV6(address) ? "ip" : "hostname", address);
        }
        if ("system".equals(e.actorKind())) {
            return Map.of("hostname", origin.hostName());
        }
        return Map.of("name", "unknown");
    }

    private static void datastore(Map<String, Object> ocsf, ExportedEvent e) {
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("name", e.targetName() == null ? "unknown" : e.targetName());
        database.put("type_id", 1);
        database.put("type", "Relational");
        ocsf.put("database", database);
        ocsf.put("type_id", 1);
        ocsf.put("type", "Database");
        if (e.statementText() != null) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("query_string", e.statementText());
            putIfPresent(query, "uid", e.detail("sql_sha256"));
            ocsf.put("query_info", query);
        }
    }

    private static void authentication(Map<String, Object> ocsf, ExportedEvent e) {
        Map<String, Object> user = user(e.actor(), e.actorKind());
        putIfPresent(user, "uid", e.detail("subject"));
        ocsf.put("user", user);
        // The UI signs in with OpenID Connect; the API and the data path take OAuth 2.0 bearer tokens.
        boolean openId = "auth.login".equals(e.action());
        ocsf.put("auth_protocol_id", openId ? 4 : 6);
        ocsf.put("auth_protocol", openId ? "OpenID" : "OAUTH 2.0");
        ocsf.put("service", Map.of("name", e.targetName() == null ? "gatehouse" : e.targetName()));
        ocsf.put("is_remote", true);
    }

    private static void authorizeSession(Map<String, Object> ocsf, ExportedEvent e) {
        ocsf.put("user", user(e.actor(), e.actorKind()));
        ocsf.put("privileges", List.of("connection:" + (e.targetName() == null ? "unknown" : e.targetName())));
        String sessionId = e.detail("sessionId");
        if (sessionId != null) {
            ocsf.put("session", Map.of("uid", sessionId));
        }
    }

    /** The account is the agent (its client id is the uid) or the owner of the token. */
    private static void accountChange(Map<String, Object> ocsf, ExportedEvent e) {
        boolean agent = e.action().startsWith("agent.");
        String name = firstPresent(e.targetName(), e.targetId(), "unknown");
        Map<String, Object> user = user(name, agent ? "agent" : e.detail("kind"));
        if (agent) {
            putIfPresent(user, "uid", e.targetId());
        }
        ocsf.put("user", user);
    }

    private static void apiActivity(Map<String, Object> ocsf, ExportedEvent e) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("operation", e.action());
        api.put("service", Map.of("name", ExportOrigin.PRODUCT));
        ocsf.put("api", api);
        if (e.targetId() != null || e.targetName() != null) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("type", e.targetType());
            putIfPresent(resource, "uid", e.targetId());
            putIfPresent(resource, "name", e.targetName());
            ocsf.put("resources", List.of(resource));
        }
    }

    private static Map<String, Object> unmapped(ExportedEvent e) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("type", e.targetType());
        target.put("id", e.targetId());
        target.put("name", e.targetName());
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("action", e.action());
        unmapped.put("outcome", e.outcome());
        unmapped.put("target", target);
        unmapped.put("details", e.details());
        unmapped.put("hash", e.hash());
        unmapped.put("prev_hash", e.prevHash());
        return unmapped;
    }

    /** "DENY by rule no-drop: not on payments", or the error or reason of a failure. */
    private static String statusDetail(ExportedEvent e) {
        List<String> parts = new ArrayList<>();
        String decision = e.detail("decision");
        String rule = firstPresent(e.detail("decisionRule"), e.detail("rule"));
        if (decision != null && !"ALLOW".equals(decision)) {
            parts.add(rule == null ? decision : decision + " by rule " + rule);
        }
        String reason = firstPresent(e.detail("error"), e.detail("message"), "success".equals(e.outcome()) ? null : e.detail("reason"));
        if (reason != null) {
            parts.add(reason);
        }
        return parts.isEmpty() ? null : String.join(": ", parts);
    }

    private static String message(ExportedEvent e) {
        String target = firstPresent(e.targetName(), e.targetId());
        return e.action() + " by " + e.actor() + (target == null ? "" : " on " + e.targetType() + " " + target);
    }

    private static String firstPresent(String... values) {
        return Stream.of(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
