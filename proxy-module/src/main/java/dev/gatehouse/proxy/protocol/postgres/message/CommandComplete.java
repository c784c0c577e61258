package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** CommandComplete ('C'), e.g. tag "SELECT 3" or "INSERT 0 1". */
public record CommandComplete(ByteBuf raw, String tag) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'C';
}
