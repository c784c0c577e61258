package dev.gatehouse.proxy.protocol.postgres.upstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The StartupMessage parameters for the target: the gateway's user and database first, then what
 * the client asked for (application_name, client_encoding, DateStyle, TimeZone, options, ...), in
 * the client's order.
 */
final class StartupParameters {

    /** Names the gateway decides; the server compares them case-sensitively, and so does this. */
    private static final Set<String> SET_BY_GATEWAY = Set.of("user", "database");
    private static final String REPLICATION = "replication";
    /**
     * Protocol extension options. The gateway's codec speaks protocol 3.0 as it is; letting a client
     * switch on an extension upstream would change the byte stream under the codec's feet.
     */
    private static final String PROTOCOL_OPTION_PREFIX = "_pq_.";
    /** The values that mean "not a replication session"; anything else is refused, not interpreted. */
    private static final Set<String> OFF = Set.of("false", "off", "no", "0");

    private StartupParameters() {
    }

    static Map<String, String> forUpstream(String user, String database, Map<String, String> fromClient) {
        if (user == null || user.isEmpty()) {
            throw new UpstreamHandshakeException(UpstreamHandshakeException.INVALID_AUTHORIZATION,
                    "the connection has no upstream user name", null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", user);
        if (database != null && !database.isEmpty()) {
            parameters.put("database", database);
        }
        fromClient.forEach((name, value) -> {
            if (name.equals(REPLICATION)) {
                refuseReplication(value);
            } else if (!SET_BY_GATEWAY.contains(name) && !name.startsWith(PROTOCOL_OPTION_PREFIX)) {
                parameters.put(name, value);
            }
        });
        parameters.forEach(StartupParameters::requireNoNul);
        return parameters;
    }

    /** A replication session speaks another protocol (walsender commands, CopyBoth) the gateway does not audit. */
    private static void refuseReplication(String value) {
        if (value == null || !OFF.contains(value.toLowerCase(Locale.ROOT))) {
            throw UpstreamHandshakeException.unsupported("replication sessions are not relayed by the gateway");
        }
    }

    /** A NUL would end the C string early and shift every later field; the names stay out of the message. */
    private static void requireNoNul(String name, String value) {
        if (name.indexOf('\0') >= 0 || value == null || value.indexOf('\0') >= 0) {
            throw UpstreamHandshakeException.violation("a startup parameter contains a NUL character or no value");
        }
    }
}
