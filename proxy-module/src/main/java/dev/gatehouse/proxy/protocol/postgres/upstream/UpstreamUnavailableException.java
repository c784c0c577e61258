package dev.gatehouse.proxy.protocol.postgres.upstream;

/**
 * The target could not be reached or kept: unknown host, connection refused, no answer in time,
 * connection closed mid-handshake, TLS refused or its handshake failed (including a certificate
 * that does not verify).
 */
public final class UpstreamUnavailableException extends UpstreamException {

    /** sqlclient_unable_to_establish_sqlconnection, as libpq-based clients expect for this case. */
    public static final String SQLSTATE = "08001";

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UpstreamUnavailableException(String message) {
        this(message, null);
    }

    @Override
    public String sqlState() {
        return SQLSTATE;
    }
}
