package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Simple Query ('Q'). */
public record Query(ByteBuf raw, String sql) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'Q';
}
