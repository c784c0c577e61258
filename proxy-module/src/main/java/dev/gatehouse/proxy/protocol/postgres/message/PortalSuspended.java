package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** PortalSuspended ('s'): Execute hit its row limit. */
public record PortalSuspended(ByteBuf raw) implements FramedMessage, BackendMessage {

    public static final char TYPE = 's';
}
