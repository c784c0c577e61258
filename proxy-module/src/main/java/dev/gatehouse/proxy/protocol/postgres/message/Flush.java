package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Flush ('H'): asks the server to send pending output without ending the batch. */
public record Flush(ByteBuf raw) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'H';
}
