package dev.gatehouse.proxy.protocol.postgres.codec;

/**
 * Thrown while parsing a frame body that breaks the message layout. Checked on purpose: every
 * parse path must handle it, and the decoder turns it into a ProtocolViolation result rather
 * than letting it reach the pipeline as an exception. No stack trace: it is an expected outcome
 * of hostile input, not a bug, and filling traces would make garbage floods cheaper to mount.
 */
final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
