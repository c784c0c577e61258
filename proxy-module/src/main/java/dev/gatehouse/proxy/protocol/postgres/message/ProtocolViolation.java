package dev.gatehouse.proxy.protocol.postgres.message;

import java.util.Objects;

/**
 * Result object a decoder passes down the pipeline instead of throwing when the peer breaks the
 * protocol (bad length, unsupported version, malformed body). After emitting one, the decoder
 * discards all further input, so the handler can answer with an ErrorResponse and close without
 * racing against more decoded messages.
 *
 * @param message human-readable reason, safe to send to the client (never echoes payload bytes)
 * @param sqlState the SQLSTATE to put in the ErrorResponse
 */
public record ProtocolViolation(String message, String sqlState) implements FrontendMessage, BackendMessage {

    /** protocol_violation: framing or format errors. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** feature_not_supported: e.g. an unsupported protocol version. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** invalid_authorization_specification: e.g. no user in the startup packet. */
    public static final String INVALID_AUTHORIZATION = "28000";

    public ProtocolViolation {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sqlState, "sqlState");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
    }

    public static ProtocolViolation of(String message) {
        return new ProtocolViolation(message, PROTOCOL_VIOLATION);
    }
}
