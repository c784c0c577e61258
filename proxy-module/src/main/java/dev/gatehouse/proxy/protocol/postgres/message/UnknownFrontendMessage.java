package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/**
 * Any frontend type the decoder does not model (FunctionCall, future types). Kept whole so
 * nothing is lost; the handler decides whether to forward or reject it.
 */
public record UnknownFrontendMessage(ByteBuf raw) implements FramedMessage, FrontendMessage {

    /** The body as a slice of {@link #raw()}: valid only while this message is unreleased. */
    public ByteBuf content() {
        return raw.slice(raw.readerIndex() + 5, raw.readableBytes() - 5);
    }
}
