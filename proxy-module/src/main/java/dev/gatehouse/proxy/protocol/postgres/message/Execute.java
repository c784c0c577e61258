package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Execute ('E'): maxRows 0 means no limit. */
public record Execute(ByteBuf raw, String portal, int maxRows) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'E';
}
