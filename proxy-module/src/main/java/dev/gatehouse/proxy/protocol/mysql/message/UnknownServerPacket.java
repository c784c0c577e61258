package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** A server packet the gateway does not interpret (COM_STATISTICS's text, anything unexpected), kept whole. */
public record UnknownServerPacket(ByteBuf raw) implements MySqlMessage {
}
