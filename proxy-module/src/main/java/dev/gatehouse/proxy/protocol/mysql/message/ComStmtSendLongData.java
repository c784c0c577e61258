package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_STMT_SEND_LONG_DATA: a piece of one parameter's value, sent before the execute; the server answers nothing. */
public record ComStmtSendLongData(long statementId, int parameter, int dataLength, ByteBuf raw) implements MySqlMessage {
}
