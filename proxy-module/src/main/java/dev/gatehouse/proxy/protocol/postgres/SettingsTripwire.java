package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.sql.PinnedSettings;
import java.util.Map;

/**
 * The tripwire behind the refusal of statements that change pinned settings (docs/adr/0016): the
 * target reports client_encoding, standard_conforming_strings and session_authorization in
 * ParameterStatus, at login and whenever they change. Another value than the pinned one (or another
 * session user than at login) means the target no longer reads the session's bytes as the gateway
 * does. Event-loop confined.
 */
final class SettingsTripwire {

    /** The session user the target reported at login: it must never change. */
    private String sessionUser;

    /** Why the settings the target reports at login make its reading differ from the gateway's, or null. */
    String atLogin(Map<String, String> reported) {
        sessionUser = reported.get("session_authorization");
        for (var setting : reported.entrySet()) {
            String violation = PinnedSettings.reportedViolation(setting.getKey(), setting.getValue());
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    /** Why this report during the session ends it, or null. */
    String reported(String name, String value) {
        String violation = PinnedSettings.reportedViolation(name, value);
        if (violation == null && "session_authorization".equalsIgnoreCase(name) && sessionUser != null && !sessionUser.equals(value)) {
            violation = "the target reports another session user (" + value + "); Gatehouse sessions keep the"
                    + " connection's own database user, so the session ends";
        }
        return violation;
    }
}
