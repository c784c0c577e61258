package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Sync ('S'): ends an extended-query batch; the server answers with ReadyForQuery. */
public record Sync(ByteBuf raw) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'S';
}
