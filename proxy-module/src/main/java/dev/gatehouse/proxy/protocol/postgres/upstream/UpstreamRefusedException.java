package dev.gatehouse.proxy.protocol.postgres.upstream;

import java.util.Objects;

/**
 * The server itself said no with an ErrorResponse during startup: wrong password (28P01), unknown
 * database (3D000), too many connections (53300) and so on. The SQLSTATE and message are the
 * server's; the server never echoes the password, so both are safe to pass on.
 */
public final class UpstreamRefusedException extends UpstreamException {

    private final String sqlState;
    private final String serverMessage;

    public UpstreamRefusedException(String sqlState, String serverMessage) {
        super("the target refused the session: " + serverMessage + " (SQLSTATE " + sqlState + ")", null);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
        this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage");
    }

    @Override
    public String sqlState() {
        return sqlState;
    }

    /** The server's own message text (field M of its ErrorResponse). */
    public String serverMessage() {
        return serverMessage;
    }
}
