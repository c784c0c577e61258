package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * A client command without fields the gateway needs: COM_QUIT, COM_PING, COM_RESET_CONNECTION,
 * COM_STATISTICS, COM_DEBUG, and every command byte it does not know (kept whole, {@code type} null,
 * {@code code} as sent), which the session refuses or forwards as it decides.
 */
public record Command(CommandType type, int code, ByteBuf raw) implements MySqlMessage {
}
