package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.gatehouse.proxy.sql.PinnedSettings;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The decisions a login takes from what the client sent, apart from the session's state machine. */
final class PostgresStartupRules {

    private PostgresStartupRules() {
    }

    /** libpq's boolean spellings of "no"; anything else (true, database) asks for a replication connection. */
    static boolean asksForReplication(StartupMessage startup) {
        String replication = startup.parameters().get("replication");
        return replication != null && !replication.equalsIgnoreCase("false") && !replication.equals("0")
                && !replication.equalsIgnoreCase("off") && !replication.equalsIgnoreCase("no");
    }

    /**
     * The database the session opens on the target, or empty when the client asked for another one.
     * The connection fixes the database: least privilege means a grant on "payments" is not a grant
     * on every database of that server. Clients may name it, or leave it to the default (libpq then
     * sends the user name, i.e. the connection name).
     */
    static Optional<String> database(StartupMessage startup, Connection connection) {
        String requested = startup.parameters().get("database");
        String configured = connection.database();
        if (configured == null || configured.isBlank()) {
            return Optional.of(requested == null || requested.isEmpty() ? connection.name() : requested);
        }
        if (requested == null || requested.isEmpty() || requested.equals(configured) || requested.equals(connection.name())) {
            return Optional.of(configured);
        }
        return Optional.empty();
    }

    /** The longest a client may ask to wait for an approval. */
    static final Duration MAX_APPROVAL_WAIT = Duration.ofHours(1);
    private static final Pattern SECONDS = Pattern.compile("\\d{1,7}");

    /**
     * The wait for approvals the client asked for with {@code options='-c gatehouse.wait=<seconds>'}
     * (PGOPTIONS works too), at most an hour; zero when it did not ask. Read as PostgreSQL reads
     * options ({@link StartupOptions}); the last setting wins, as on the server.
     */
    static Duration approvalWait(StartupMessage startup) {
        String options = startup.parameters().get("options");
        Duration asked = Duration.ZERO;
        if (options == null) {
            return asked;
        }
        for (StartupOptions.Setting setting : StartupOptions.parse(options)) {
            if (GATEHOUSE_WAIT.equalsIgnoreCase(setting.name())) {
                asked = SECONDS.matcher(setting.value()).matches() ? Duration.ofSeconds(Long.parseLong(setting.value())) : Duration.ZERO;
            }
        }
        return asked.compareTo(MAX_APPROVAL_WAIT) > 0 ? MAX_APPROVAL_WAIT : asked;
    }

    private static final String GATEHOUSE_WAIT = "gatehouse.wait";

    /**
     * Startup parameters every connection passes: the ones drivers send on their own and that
     * change only how values look (docs/adr/0016). Names compare case-insensitively, as the server's.
     */
    static final Set<String> HARMLESS = Set.of("application_name", "client_encoding", "datestyle", "timezone",
            "extra_float_digits", "intervalstyle", "lc_monetary", "lc_numeric", "lc_time", "bytea_output",
            "client_min_messages", "geqo");
    /** Gateway-decided or handled before this: user, database, replication, protocol extension options. */
    private static final Set<String> HANDLED = Set.of("user", "database", "replication");

    /**
     * Why the login is refused for its startup parameters (28000), naming the parameter, or null.
     * Beyond {@link #HARMLESS}, a parameter passes only if the connection allows its name; inside
     * {@code options} the same holds for every setting, and {@code options} itself needs no
     * allowance when it carries only Gatehouse's own settings. Pinned settings keep their pinned
     * values whatever a connection allows.
     */
    static String refusedParameter(StartupMessage startup, Connection connection) {
        Set<String> allowed = new HashSet<>();
        connection.allowedStartupParameters().forEach(name -> allowed.add(name.toLowerCase(Locale.ROOT)));
        for (Map.Entry<String, String> parameter : startup.parameters().entrySet()) {
            String name = parameter.getKey().toLowerCase(Locale.ROOT);
            if (HANDLED.contains(parameter.getKey()) || parameter.getKey().startsWith("_pq_.")) {
                continue;
            }
            if (name.equals("options")) {
                String refused = refusedOptions(parameter.getValue(), allowed);
                if (refused != null) {
                    return refused;
                }
                continue;
            }
            String refused = refusedSetting(name, parameter.getValue(), allowed, "startup parameter");
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String refusedOptions(String options, Set<String> allowed) {
        for (StartupOptions.Setting setting : StartupOptions.parse(options)) {
            if (setting.name() == null) {
                return "the startup parameter options contains \"" + setting.value() + "\", which is not a setting;"
                        + " only -c name=value and --name=value are accepted";
            }
            String name = setting.name().toLowerCase(Locale.ROOT);
            if (name.startsWith("gatehouse.")) {
                if (!name.equals(GATEHOUSE_WAIT)) {
                    return "the setting " + setting.name() + " in options is not one Gatehouse knows (gatehouse.wait is)";
                }
                continue;
            }
            if (!allowed.contains("options")) {
                return "the startup parameter options (setting " + setting.name() + ") is not allowed on this connection;"
                        + " an administrator can allow options in the connection's settings";
            }
            String refused = refusedSetting(name, setting.value(), allowed, "setting in options");
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String refusedSetting(String name, String value, Set<String> allowed, String what) {
        String pinned = PinnedSettings.startupViolation(name, value);
        if (pinned != null) {
            return "the " + what + " " + name + " is refused: " + pinned;
        }
        if (HARMLESS.contains(name) || allowed.contains(name)) {
            return null;
        }
        return "the " + what + " " + name + " is not allowed on this connection; an administrator can allow it in the"
                + " connection's settings";
    }

    /**
     * What goes to the target: the client's parameters, without {@code options} when it carries
     * only Gatehouse's own settings (the target has no use for them). Options with anything else,
     * checked by {@link #refusedParameter}, go on exactly as sent.
     */
    static Map<String, String> forTarget(Map<String, String> parameters) {
        String options = parameters.get("options");
        if (options == null || optionsForTarget(options)) {
            return parameters;
        }
        Map<String, String> without = new java.util.LinkedHashMap<>(parameters);
        without.remove("options");
        return without;
    }

    private static boolean optionsForTarget(String options) {
        for (StartupOptions.Setting setting : StartupOptions.parse(options)) {
            if (setting.name() == null || !setting.name().toLowerCase(Locale.ROOT).startsWith("gatehouse.")) {
                return true;
            }
        }
        return false;
    }

    /** The token in a PasswordMessage: without its NUL terminator and surrounding blanks (a pasted newline). */
    static String credential(byte[] payload) {
        int end = payload.length;
        while (end > 0 && payload[end - 1] == 0) {
            end--;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8).strip();
    }

    static boolean isLoopback(SocketAddress remote) {
        return remote instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().isLoopbackAddress();
    }

    /** {@code ip:port}, as recorded. */
    static String describe(SocketAddress remote) {
        if (remote instanceof InetSocketAddress address) {
            return (address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString()) + ":" + address.getPort();
        }
        return String.valueOf(remote);
    }
}
