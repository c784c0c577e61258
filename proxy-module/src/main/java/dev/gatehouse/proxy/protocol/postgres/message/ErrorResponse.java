package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * ErrorResponse ('E'). Fields are keyed by their type char (S severity, V non-localised severity,
 * C SQLSTATE, M message, D detail, H hint, P position, ...) in wire order.
 */
public record ErrorResponse(ByteBuf raw, Map<Character, String> fields) implements FramedMessage, BackendMessage, NoticeFields {

    public static final char TYPE = 'E';

    public ErrorResponse {
        fields = NoticeFields.copy(fields);
    }
}
