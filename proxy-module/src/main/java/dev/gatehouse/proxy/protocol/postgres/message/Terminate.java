package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Terminate ('X'): the client is closing the connection. */
public record Terminate(ByteBuf raw) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'X';
}
