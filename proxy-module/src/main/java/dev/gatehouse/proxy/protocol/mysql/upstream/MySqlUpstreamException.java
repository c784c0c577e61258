package dev.gatehouse.proxy.protocol.mysql.upstream;

/**
 * Why a login to the target failed. Messages name the target and the step, and carry the server's
 * own error text when it refused; never the secret.
 */
public final class MySqlUpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for the session's error packet and the recording. */
    public enum Kind {
        /** The target could not be reached (DNS, TCP, closed early). */
        UNAVAILABLE,
        /** The target refused the login (its ERR packet: code and SQLSTATE kept). */
        REFUSED,
        /** TLS was required and not offered, or the handshake or certificate check failed. */
        TLS,
        /** The gateway withheld the password (cleartext without TLS) or does not know the plugin asked for. */
        WITHHELD,
        /** The target broke the protocol. */
        PROTOCOL
    }

    private final Kind kind;
    private final int errorCode;
    private final String sqlState;

    MySqlUpstreamException(Kind kind, String message, int errorCode, String sqlState, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    static MySqlUpstreamException of(Kind kind, String message) {
        return new MySqlUpstreamException(kind, message, 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The target's error number when it refused, else 0. */
    public int errorCode() {
        return errorCode;
    }

    /** The target's SQLSTATE when it refused, else null. */
    public String sqlState() {
        return sqlState;
    }
}
