package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/**
 * CopyData ('d'), sent by both sides during COPY, hence a frontend and a backend message. The
 * data is not copied (COPY streams can be large): {@link #data()} is a view of the raw frame.
 */
public record CopyData(ByteBuf raw) implements FramedMessage, FrontendMessage, BackendMessage {

    public static final char TYPE = 'd';

    /** The COPY payload as a slice of {@link #raw()}: valid only while this message is unreleased. */
    public ByteBuf data() {
        return raw.slice(raw.readerIndex() + 5, raw.readableBytes() - 5);
    }
}
