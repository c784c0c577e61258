package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** CopyFail ('f'): the client aborts a COPY FROM STDIN with an error message. */
public record CopyFail(ByteBuf raw, String message) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'f';
}
