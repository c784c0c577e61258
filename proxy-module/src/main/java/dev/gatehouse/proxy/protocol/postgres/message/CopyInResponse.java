package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** CopyInResponse ('G'): the server is ready to receive COPY FROM STDIN data. Overall format 0 is text, 1 binary. */
public record CopyInResponse(ByteBuf raw, int overallFormat, List<Short> columnFormats)
        implements FramedMessage, BackendMessage {

    public static final char TYPE = 'G';

    public CopyInResponse {
        columnFormats = List.copyOf(columnFormats);
    }
}
