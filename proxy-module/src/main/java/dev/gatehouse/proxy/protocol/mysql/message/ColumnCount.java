package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** The first packet of a result set: how many column definitions follow. */
public record ColumnCount(long count, ByteBuf raw) implements MySqlMessage {
}
