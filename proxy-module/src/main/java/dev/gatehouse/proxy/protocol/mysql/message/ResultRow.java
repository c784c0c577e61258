package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * One row of a result set, in the text protocol (lenenc strings, 0xFB for NULL) or the binary one
 * (header 0x00, null bitmap, values by column type). Values are read by the masking adapter from
 * {@link #payload()}, valid while the row is alive.
 */
public record ResultRow(boolean binary, ByteBuf raw) implements MySqlMessage {

    /** The row's payload (one packet; a row of 16 MiB or more spans several and is read from raw). */
    public ByteBuf payload() {
        return raw.slice(raw.readerIndex() + 4, raw.readableBytes() - 4);
    }
}
