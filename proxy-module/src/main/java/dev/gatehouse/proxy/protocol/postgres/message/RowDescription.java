package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** RowDescription ('T'). */
public record RowDescription(ByteBuf raw, List<Field> fields) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'T';

    public RowDescription {
        fields = List.copyOf(fields);
    }

    /** One column; tableOid and attributeNumber are 0 when the column is not a plain table column. */
    public record Field(String name, int tableOid, short attributeNumber, int typeOid, short typeSize,
            int typeModifier, short formatCode) {
    }
}
