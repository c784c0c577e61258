package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** BindComplete ('2'). */
public record BindComplete(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = '2';
}
