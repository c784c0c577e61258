package dev.gatehouse.proxy.protocol.postgres.upstream;

import java.util.Objects;

/**
 * The gateway itself refuses to go on with a target that answered correctly: the target is
 * Gatehouse's own store, or it asks for a password in a form that would cross the network readable
 * (cleartext or md5 without TLS). Nothing of the secret has been sent when this is raised.
 */
public final class UpstreamForbiddenException extends UpstreamException {

    /** The audit reason when the target is the store. */
    public static final String STORE_TARGET = "store_target";
    /** The audit reason when a password would travel without TLS. */
    public static final String PLAIN_PASSWORD = "plain_password";

    private final String reason;

    UpstreamForbiddenException(String reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@link #STORE_TARGET} or {@link #PLAIN_PASSWORD}. */
    public String reason() {
        return reason;
    }

    /** invalid_authorization_specification: the client may not use this connection as it is configured. */
    @Override
    public String sqlState() {
        return "28000";
    }
}
