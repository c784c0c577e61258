package dev.gatehouse.audit.siem.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which OCSF class and activity each Gatehouse action becomes (docs/siem.md, "OCSF class mapping").
 * Statements are datastore queries; logins and refused data-path logins are authentication; a data-path
 * session is an authorized session; agents and tokens are accounts; every other change is an API call
 * on Gatehouse's own resources, with the CRUD verb read from the action's last word.
 */
public final class OcsfMapping {

    private static final Map<String, OcsfActivity> FIXED = Map.ofEntries(
            Map.entry("statement.executed", new OcsfActivity(OcsfClass.DATASTORE_ACTIVITY, 4, "Query")),
            Map.entry("statement.blocked", new OcsfActivity(OcsfClass.DATASTORE_ACTIVITY, 4, "Query")),
            Map.entry("guardrail.alert", new OcsfActivity(OcsfClass.DATASTORE_ACTIVITY, 4, "Query")),
            Map.entry("auth.login", new OcsfActivity(OcsfClass.AUTHENTICATION, 1, "Logon")),
            Map.entry("auth.rejected", new OcsfActivity(OcsfClass.AUTHENTICATION, 1, "Logon")),
            Map.entry("auth.logout", new OcsfActivity(OcsfClass.AUTHENTICATION, 2, "Logoff")),
            Map.entry("session.refused", new OcsfActivity(OcsfClass.AUTHENTICATION, 1, "Logon")),
            Map.entry("session.started", new OcsfActivity(OcsfClass.AUTHORIZE_SESSION, 1, "Assign Privileges")),
            Map.entry("agent.registered", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 1, "Create")),
            Map.entry("agent.enabled", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 2, "Enable")),
            Map.entry("agent.secret-rotated", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 4, "Password Reset")),
            Map.entry("agent.disabled", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 5, "Disable")),
            Map.entry("agent.deleted", new OcsfActivity(OcsfClass.ACCOUNT_CHANGE, 6, "Delete")));

    private OcsfMapping() {
    }

    public static OcsfActivity of(String action) {
        OcsfActivity fixed = FIXED.get(action);
        if (fixed != null) {
            return fixed;
        }
        String family = action.contains(".") ? action.substring(0, action.indexOf('.')) : action;
        return switch (family) {
            case "auth" -> other(OcsfClass.AUTHENTICATION, action);
            case "session" -> other(OcsfClass.AUTHORIZE_SESSION, action);
            case "agent", "token" -> other(OcsfClass.ACCOUNT_CHANGE, action);
            default -> apiActivity(action);
        };
    }

    private static OcsfActivity apiActivity(String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1);
        return switch (verb) {
            case "created", "registered", "requested", "pack_applied" -> new OcsfActivity(OcsfClass.API_ACTIVITY, 1, "Create");
            case "read", "exported", "downloaded" -> new OcsfActivity(OcsfClass.API_ACTIVITY, 2, "Read");
            case "updated", "reordered", "settings_changed", "enabled", "disabled" -> new OcsfActivity(OcsfClass.API_ACTIVITY, 3, "Update");
            case "deleted" -> new OcsfActivity(OcsfClass.API_ACTIVITY, 4, "Delete");
            default -> other(OcsfClass.API_ACTIVITY, action);
        };
    }

    private static OcsfActivity other(OcsfClass ocsfClass, String action) {
        return new OcsfActivity(ocsfClass, OcsfActivity.OTHER, words(action));
    }

    /** "token.issued" reads "Token Issued", "agent.secret-rotated" reads "Agent Secret Rotated". */
    static String words(String action) {
        return Arrays.stream(action.split("[._-]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining(" "));
    }
}
