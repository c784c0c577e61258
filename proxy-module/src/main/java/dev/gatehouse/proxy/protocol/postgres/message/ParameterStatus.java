package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** ParameterStatus ('S'): the server reports a run-time parameter such as server_version. */
public record ParameterStatus(ByteBuf raw, String name, String value) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'S';
}
