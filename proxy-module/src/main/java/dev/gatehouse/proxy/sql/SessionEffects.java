package dev.gatehouse.proxy.sql;

/**
 * What a statement does to the session state rules depend on.
 *
 * @param refusedSetting the pinned setting the statement would change (client_encoding,
 *                       standard_conforming_strings, backslash_quote, role, session_authorization,
 *                       or set_config/pg_settings when the text does not say which), or null; such a
 *                       statement never runs (docs/adr/0016)
 * @param refusal        the message for it
 * @param searchPath     the statement's last change of search_path, or null when it makes none
 */
public record SessionEffects(String refusedSetting, String refusal, SearchPathChange searchPath) {

    public static final SessionEffects NONE = new SessionEffects(null, null, null);

    public boolean none() {
        return refusedSetting == null && searchPath == null;
    }

    /** Whether the refused setting changes how the target reads bytes (refused on every connection, not only guarded ones). */
    public boolean changesReading() {
        return refusedSetting != null && !refusedSetting.equals("role") && !refusedSetting.equals("session_authorization");
    }
}
