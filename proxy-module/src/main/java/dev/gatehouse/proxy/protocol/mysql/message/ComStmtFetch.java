package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_STMT_FETCH: the next rows of a cursor opened by COM_STMT_EXECUTE. */
public record ComStmtFetch(long statementId, long rows, ByteBuf raw) implements MySqlMessage {
}
