package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** BackendKeyData ('K'): the cancel key of this session; only the 3.0 form (4-byte key) is accepted. */
public record BackendKeyData(ByteBuf raw, int processId, int secretKey) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'K';

    @Override
    public String toString() {
        return "BackendKeyData[processId=" + processId + ", secretKey=<redacted>]";
    }
}
