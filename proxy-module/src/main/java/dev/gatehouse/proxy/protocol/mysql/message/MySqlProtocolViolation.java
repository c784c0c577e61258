package dev.gatehouse.proxy.protocol.mysql.message;

import java.util.Objects;

/**
 * What a decoder passes on instead of throwing when the peer breaks the protocol (a length over the
 * limit, a wrong sequence id, a truncated or malformed packet). The decoder discards everything after
 * it; the session answers with an error packet and closes.
 *
 * @param message   the reason, safe for the client and the log (never echoes payload bytes)
 * @param errorCode the MySQL error number the session answers with
 * @param sqlState  the SQLSTATE for it
 */
public record MySqlProtocolViolation(String message, int errorCode, String sqlState) {

    /** ER_NET_PACKETS_OUT_OF_ORDER: a packet with the wrong sequence id. */
    public static final int PACKETS_OUT_OF_ORDER = 1156;
    /** ER_NET_PACKET_TOO_LARGE. */
    public static final int PACKET_TOO_LARGE = 1153;
    /** ER_MALFORMED_PACKET. */
    public static final int MALFORMED_PACKET = 1835;
    /** ER_HANDSHAKE_ERROR: a handshake response the gateway cannot read. */
    public static final int HANDSHAKE_ERROR = 1043;

    public MySqlProtocolViolation {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sqlState, "sqlState");
    }

    public static MySqlProtocolViolation malformed(String message) {
        return new MySqlProtocolViolation(message, MALFORMED_PACKET, "08S01");
    }
}
