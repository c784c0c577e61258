package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** ParseComplete ('1'). */
public record ParseComplete(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = '1';
}
