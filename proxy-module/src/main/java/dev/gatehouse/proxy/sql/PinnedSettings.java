package dev.gatehouse.proxy.sql;

import java.util.Locale;

/**
 * The values of the settings the gateway's reading depends on that a target may report
 * (ParameterStatus): a tripwire behind the refusal of every statement that would change them
 * (docs/adr/0016). If the target ever reports another value, the gateway can no longer read the
 * session's bytes as the target does, and the session ends.
 */
public final class PinnedSettings {

    private PinnedSettings() {
    }

    /**
     * Why a startup parameter (or a setting in {@code options}) is refused for a pinned setting, or
     * null. Besides the reported ones, backslash_quote, role and session_authorization are pinned.
     */
    public static String startupViolation(String name, String value) {
        String setting = name.toLowerCase(Locale.ROOT);
        return switch (setting) {
            case "client_encoding", "standard_conforming_strings", "backslash_quote", "role", "session_authorization" ->
                    SessionSettings.pinnedRefusal(setting, value);
            default -> null;
        };
    }

    /** Why the target's report of {@code name} = {@code value} ends the session, or null when it is a pinned value (or not pinned). */
    public static String reportedViolation(String name, String value) {
        String setting = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!setting.equals("client_encoding") && !setting.equals("standard_conforming_strings")) {
            return null;
        }
        return SessionSettings.pinnedRefusal(setting, value) == null ? null
                : "the target reports " + name + " = " + value + ", but Gatehouse reads statements with "
                        + (setting.equals("client_encoding") ? "client_encoding UTF8" : "standard_conforming_strings on")
                        + ", so the session ends";
    }
}
