package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** CopyOutResponse ('H'): the server starts sending COPY TO STDOUT data. Overall format 0 is text, 1 binary. */
public record CopyOutResponse(ByteBuf raw, int overallFormat, List<Short> columnFormats)
        implements FramedMessage, BackendMessage {

    public static final char TYPE = 'H';

    public CopyOutResponse {
        columnFormats = List.copyOf(columnFormats);
    }
}
