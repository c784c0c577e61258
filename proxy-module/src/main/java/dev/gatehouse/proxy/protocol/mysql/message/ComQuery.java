package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_QUERY: one query string, which may hold several statements (CLIENT_MULTI_STATEMENTS). */
public record ComQuery(String sql, ByteBuf raw) implements MySqlMessage {
}
