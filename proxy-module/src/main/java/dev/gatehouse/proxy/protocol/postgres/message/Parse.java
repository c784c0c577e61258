package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Parse ('P'): an extended-protocol prepare; an OID of 0 leaves the parameter type unspecified. */
public record Parse(ByteBuf raw, String statementName, String query, List<Integer> parameterTypeOids)
        implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'P';

    public Parse {
        parameterTypeOids = List.copyOf(parameterTypeOids);
    }
}
