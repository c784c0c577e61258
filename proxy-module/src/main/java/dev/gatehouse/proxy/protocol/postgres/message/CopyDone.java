package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** CopyDone ('c'), sent by both sides to end a COPY stream. */
public record CopyDone(ByteBuf raw) implements FramedMessage, FrontendMessage, BackendMessage {

    public static final char TYPE = 'c';
}
