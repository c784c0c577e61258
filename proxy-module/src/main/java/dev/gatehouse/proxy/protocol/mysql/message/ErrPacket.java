package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** ERR (header 0xFF): error number, SQLSTATE (empty for errors before protocol 4.1 was agreed) and message. */
public record ErrPacket(int code, String sqlState, String message, ByteBuf raw) implements MySqlMessage {
}
