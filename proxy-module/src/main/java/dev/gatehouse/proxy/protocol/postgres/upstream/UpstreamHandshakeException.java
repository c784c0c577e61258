package dev.gatehouse.proxy.protocol.postgres.upstream;

import java.util.Objects;

/**
 * The handshake could not go on although the target answered: it broke the protocol, it failed to
 * prove it knows the password (SCRAM server signature), it demands a method the gateway does not
 * speak (GSSAPI, SSPI, Kerberos), or the request itself is not allowed (a replication session, a
 * password challenge for a connection that has no stored secret).
 */
public final class UpstreamHandshakeException extends UpstreamException {

    /** protocol_violation. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** feature_not_supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** invalid_authorization_specification. */
    public static final String INVALID_AUTHORIZATION = "28000";

    private final String sqlState;

    public UpstreamHandshakeException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    static UpstreamHandshakeException violation(String message) {
        return new UpstreamHandshakeException(PROTOCOL_VIOLATION, message, null);
    }

    static UpstreamHandshakeException unsupported(String message) {
        return new UpstreamHandshakeException(FEATURE_NOT_SUPPORTED, message, null);
    }

    @Override
    public String sqlState() {
        return sqlState;
    }
}
