package dev.gatehouse.proxy.protocol.mysql.codec;

/**
 * A packet body that breaks its layout. Checked, so every parse path handles it; the decoders turn
 * it into a protocol violation result. No stack trace: hostile input is expected, not a bug.
 */
final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
