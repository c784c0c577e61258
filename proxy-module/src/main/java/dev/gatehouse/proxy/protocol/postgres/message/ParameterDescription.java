package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** ParameterDescription ('t'): the parameter type OIDs of a described statement. */
public record ParameterDescription(ByteBuf raw, List<Integer> typeOids) implements FramedMessage, BackendMessage {

    public static final char TYPE = 't';

    public ParameterDescription {
        typeOids = List.copyOf(typeOids);
    }
}
