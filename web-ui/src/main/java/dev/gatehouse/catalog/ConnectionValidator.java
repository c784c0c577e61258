package dev.gatehouse.catalog;

import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a draft field by field. Names are restricted because they travel on the wire: the
 * PostgreSQL listener takes the connection name as the startup {@code user}.
 */
public final class ConnectionValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9][a-z0-9_./-]{0,62}");
    /** A realm role, or role:/group:/client: followed by a name (groups may be paths). */
    private static final Pattern ALLOW_ENTRY = Pattern.compile("((role|client):[A-Za-z0-9][A-Za-z0-9_.@-]{0,126}"
            + "|group:/?[A-Za-z0-9][A-Za-z0-9_. @/-]{0,126}|[A-Za-z0-9][A-Za-z0-9_.@-]{0,127})");
    private static final int MAX_SECRET = 4096;
    private static final int MAX_LABELS = 32;

    private ConnectionValidator() {
    }

    /** Whether a name could be a connection's: other features (retention) name connections that may no longer exist. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A PostgreSQL setting name as the server compares them: lower case. */
    private static final java.util.regex.Pattern STARTUP_PARAMETER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_.]{0,62}");
    /** Settings the gateway pins whatever a connection says; allowing them would only mislead. */
    private static final java.util.Set<String> PINNED_PARAMETERS = java.util.Set.of("user", "database", "replication", "role",
            "session_authorization", "standard_conforming_strings", "backslash_quote");

    public static List<FieldError> check(ConnectionDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!NAME.matcher(draft.name()).matches()) {
            errors.add(new FieldError("name", "must be 1-63 characters of a-z, 0-9, '_', '.', '-' and start with a letter or digit"));
        }
        ConnectionType type = null;
        if (draft.type() == null || draft.type().isEmpty()) {
            errors.add(new FieldError("type", "is required"));
        } else {
            type = ConnectionType.fromWireName(draft.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "unknown type '" + draft.type() + "'; supported: " + ConnectionType.supportedNames()));
            } else if (!type.supported()) {
                errors.add(new FieldError("type", "type '" + type.wireName() + "' is not supported yet; supported: " + ConnectionType.supportedNames()));
            }
        }
        if (draft.host() == null || draft.host().isEmpty()) {
            errors.add(new FieldError("host", "is required"));
        } else if (!HOST.matcher(draft.host()).matches()) {
            errors.add(new FieldError("host", "must be a host name or an IP address"));
        }
        if (draft.port() == null) {
            errors.add(new FieldError("port", "is required"));
        } else if (draft.port() < 1 || draft.port() > 65535) {
            errors.add(new FieldError("port", "must be between 1 and 65535"));
        }
        if (type == ConnectionType.POSTGRES) {
            requireText(errors, "database", draft.database(), 63);
            requireText(errors, "username", draft.username(), 63);
        }
        if (draft.tlsMode() != null && !draft.tlsMode().isEmpty() && TlsMode.fromWireName(draft.tlsMode()).isEmpty()) {
            errors.add(new FieldError("tlsMode", "unknown TLS mode '" + draft.tlsMode() + "'; one of: " + TlsMode.names()));
        }
        if (draft.secret() != null && draft.secret().length() > MAX_SECRET) {
            errors.add(new FieldError("secret", "must be at most " + MAX_SECRET + " characters"));
        }
        if (draft.secret() != null && draft.clearSecret()) {
            errors.add(new FieldError("secret", "cannot be replaced and cleared in the same request"));
        }
        checkLabels(errors, draft.labels());
        for (String role : draft.allowedRoles()) {
            if (role == null || !ALLOW_ENTRY.matcher(role).matches()) {
                errors.add(new FieldError("allowedRoles", "'" + role + "' is not a realm role, role:<name>, group:<path> or client:<client id>"));
            }
        }
        for (String parameter : draft.allowedStartupParameters()) {
            if (parameter == null || !STARTUP_PARAMETER.matcher(parameter).matches()) {
                errors.add(new FieldError("allowedStartupParameters", "'" + parameter
                        + "' is not a startup parameter name (lower case letters, digits, _ and .)"));
            } else if (PINNED_PARAMETERS.contains(parameter)) {
                errors.add(new FieldError("allowedStartupParameters", "'" + parameter
                        + "' is pinned by the gateway and cannot be allowed (docs/adr/0016)"));
            }
        }
        return errors;
    }

    private static void requireText(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required for this type"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void checkLabels(List<FieldError> errors, Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            errors.add(new FieldError("labels", "at most " + MAX_LABELS + " labels"));
        }
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                errors.add(new FieldError("labels", "label key '" + key + "' must be lower-case a-z, 0-9, '_', '.', '/', '-'"));
            } else if (value == null || value.length() > 255) {
                errors.add(new FieldError("labels", "label '" + key + "' needs a value of at most 255 characters"));
            }
        });
    }
}
