package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/**
 * Any backend type the decoder does not model (NegotiateProtocolVersion, FunctionCallResponse,
 * CopyBothResponse, future types). Kept whole so nothing is lost.
 */
public record UnknownBackendMessage(ByteBuf raw) implements FramedMessage, BackendMessage {

    /** The body as a slice of {@link #raw()}: valid only while this message is unreleased. */
    public ByteBuf content() {
        return raw.slice(raw.readerIndex() + 5, raw.readableBytes() - 5);
    }
}
