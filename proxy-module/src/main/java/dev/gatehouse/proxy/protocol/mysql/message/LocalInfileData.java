package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * One packet of a file the client sends after the server's LOCAL INFILE request; the empty packet
 * ({@code last}) ends the file. {@link #data()} is valid while the message is alive.
 */
public record LocalInfileData(boolean last, ByteBuf raw) implements MySqlMessage {

    public ByteBuf data() {
        return raw.slice(raw.readerIndex() + 4, raw.readableBytes() - 4);
    }
}
