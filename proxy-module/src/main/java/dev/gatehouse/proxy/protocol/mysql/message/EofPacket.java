package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** EOF (header 0xFE, under 9 bytes) after column definitions and rows, when CLIENT_DEPRECATE_EOF is off. */
public record EofPacket(int warnings, int status, ByteBuf raw) implements MySqlMessage {

    public boolean moreResults() {
        return (status & OkPacket.SERVER_MORE_RESULTS_EXISTS) != 0;
    }
}
