package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** Close ('C'): kind 'S' for a prepared statement, 'P' for a portal. */
public record Close(ByteBuf raw, char kind, String name) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'C';
}
