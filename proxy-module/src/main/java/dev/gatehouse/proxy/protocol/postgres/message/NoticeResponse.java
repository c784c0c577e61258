package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** NoticeResponse ('N'): same field layout as {@link ErrorResponse}, but not an error. */
public record NoticeResponse(ByteBuf raw, Map<Character, String> fields) implements FramedMessage, BackendMessage, NoticeFields {

    public static final char TYPE = 'N';

    public NoticeResponse {
        fields = NoticeFields.copy(fields);
    }
}
