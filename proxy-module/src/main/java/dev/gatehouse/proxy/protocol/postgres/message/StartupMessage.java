package dev.gatehouse.proxy.protocol.postgres.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client's StartupMessage. Not kept as a raw frame: the gateway rewrites startup (user,
 * database) for the upstream connection, so it never forwards the client's bytes as-is.
 *
 * @param protocolVersion e.g. 196608 for 3.0
 * @param parameters the parameters in wire order (user, database, options, application_name, ...)
 */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {

    public static final int PROTOCOL_3_0 = 196608;

    public StartupMessage {
        Objects.requireNonNull(parameters, "parameters");
        // Copy into an insertion-ordered map: Map.copyOf would lose the wire order.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public String user() {
        return parameters.get("user");
    }

    /** The database; PostgreSQL defaults it to the user name when absent. */
    public String database() {
        return parameters.getOrDefault("database", user());
    }

    public String options() {
        return parameters.get("options");
    }

    public String applicationName() {
        return parameters.get("application_name");
    }

    public int majorVersion() {
        return protocolVersion >>> 16;
    }

    public int minorVersion() {
        return protocolVersion & 0xFFFF;
    }
}
