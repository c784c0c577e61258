package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** CloseComplete ('3'). */
public record CloseComplete(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = '3';
}
