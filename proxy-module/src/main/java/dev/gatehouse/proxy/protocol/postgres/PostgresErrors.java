package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The errors the gateway itself sends. Wording and SQLSTATEs are part of the user contract
 * (docs/guides/postgres.md lists them), so they live here together rather than inline.
 */
final class PostgresErrors {

    static final String INVALID_AUTHORIZATION = "28000";
    static final String INVALID_PASSWORD = "28P01";
    static final String PROTOCOL_VIOLATION = "08P01";
    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String CANNOT_CONNECT = "08001";
    static final String TOO_MANY_CONNECTIONS = "53300";
    static final String ADMIN_SHUTDOWN = "57P01";

    private PostgresErrors() {
    }

    static String authenticationFailed(String connection, String reason) {
        return "password authentication failed for connection \"" + connection + "\": " + reason;
    }

    static String unknownConnection(String connection) {
        return "no connection named \"" + connection + "\"";
    }

    static String notAllowed(String who, String connection) {
        return "identity \"" + who + "\" may not use connection \"" + connection + "\"";
    }

    static String requiresTls(String connection) {
        return "connection \"" + connection + "\" requires TLS: connect with sslmode=require";
    }

    static String wrongDatabase(String connection, String database) {
        return "connection \"" + connection + "\" is for database \"" + database + "\"";
    }

    static final String CLEARTEXT_REFUSED = "cleartext password refused on an unencrypted connection: connect with sslmode=require";
    static final String UNEXPECTED_BEFORE_AUTH = "unexpected message before authentication";
    static final String REPLICATION_UNSUPPORTED = "replication connections are not supported";
    static final String SHUTTING_DOWN = "terminating connection because the gateway is shutting down";
    static final String TOO_MANY = "too many connections to the gateway";
    static final String STARTUP_TIMEOUT = "authentication timeout: startup was not completed in time";

    static String auditUnavailable(String connection) {
        return "the audit trail cannot record right now; connection \"" + connection + "\" accepts no new sessions until it recovers"
                + " (fail-closed)";
    }

    static String targetUnavailable(String connection) {
        return "could not connect to the target of connection \"" + connection + "\"";
    }

    static String targetRefusedGateway(String connection) {
        return "the gateway could not authenticate to the target of connection \"" + connection
                + "\"; ask an administrator to check its stored secret";
    }

    /** Sends a FATAL error and closes once it is written: FATAL always ends the session. */
    static void fatal(ChannelHandlerContext ctx, String sqlState, String message) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(PostgresMessages.errorResponse(ctx.alloc(), PostgresMessages.SEVERITY_FATAL, sqlState, message))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
