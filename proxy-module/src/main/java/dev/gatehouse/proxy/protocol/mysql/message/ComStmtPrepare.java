package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_STMT_PREPARE: one statement with ? placeholders, prepared on the server. */
public record ComStmtPrepare(String sql, ByteBuf raw) implements MySqlMessage {
}
