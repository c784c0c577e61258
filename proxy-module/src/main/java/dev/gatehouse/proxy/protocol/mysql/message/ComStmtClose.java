package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_STMT_CLOSE (no answer) or COM_STMT_RESET (OK or ERR): both name one prepared statement. */
public record ComStmtClose(CommandType type, long statementId, ByteBuf raw) implements MySqlMessage {
}
