package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** NoData ('n'): the described statement or portal returns no rows. */
public record NoData(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'n';
}
