package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_STMT_PREPARE_OK: the statement id and how many parameter and column definitions follow. */
public record PrepareOk(long statementId, int columns, int parameters, int warnings, ByteBuf raw) implements MySqlMessage {
}
