package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_SET_OPTION: 0 turns multi-statements on, 1 off. */
public record ComSetOption(int option, ByteBuf raw) implements MySqlMessage {
}
