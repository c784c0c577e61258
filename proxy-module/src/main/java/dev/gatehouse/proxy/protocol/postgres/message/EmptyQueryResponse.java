package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** EmptyQueryResponse ('I'): the query string was empty. */
public record EmptyQueryResponse(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'I';
}
