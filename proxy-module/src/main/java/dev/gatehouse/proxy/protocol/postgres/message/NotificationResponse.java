package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** NotificationResponse ('A'): a NOTIFY delivered to this session. */
public record NotificationResponse(ByteBuf raw, int processId, String channel, String payload)
        implements FramedMessage, BackendMessage {

    public static final char TYPE = 'A';
}
