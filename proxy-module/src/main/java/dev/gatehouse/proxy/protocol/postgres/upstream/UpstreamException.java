package dev.gatehouse.proxy.protocol.postgres.upstream;

/**
 * Why the gateway could not open its session on the target. Each kind carries the SQLSTATE the
 * gateway should report to its own client, so the caller can answer with one ErrorResponse without
 * inspecting the kind.
 *
 * <p>Messages name the target's address and the reason; they never contain the secret.
 */
public abstract sealed class UpstreamException extends RuntimeException
        permits UpstreamRefusedException, UpstreamUnavailableException, UpstreamHandshakeException,
        UpstreamForbiddenException {

    UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLSTATE to put into the ErrorResponse sent to the gateway's client. */
    public abstract String sqlState();
}
