package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
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
    private static final Pattern APPROVAL_WAIT = Pattern.compile("(?:^|\\s)(?:-c\\s*|--)gatehouse\\.wait=(\\d{1,7})(?:\\s|$)");

    /**
     * The wait for approvals the client asked for with {@code options='-c gatehouse.wait=<seconds>'}
     * (PGOPTIONS works too), at most an hour; zero when it did not ask. The option also reaches the
     * target, which takes it as a harmless custom setting.
     */
    static Duration approvalWait(StartupMessage startup) {
        String options = startup.parameters().get("options");
        if (options == null) {
            return Duration.ZERO;
        }
        Matcher matcher = APPROVAL_WAIT.matcher(options);
        if (!matcher.find()) {
            return Duration.ZERO;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
        return asked.compareTo(MAX_APPROVAL_WAIT) > 0 ? MAX_APPROVAL_WAIT : asked;
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
