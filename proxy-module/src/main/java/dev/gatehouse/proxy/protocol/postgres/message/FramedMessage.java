package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A message decoded from a regular-phase frame that keeps its complete original frame (type byte,
 * length and body) as {@link #raw()}, so the proxy can forward it byte-for-byte instead of
 * re-encoding it (re-encoding could subtly change what the server sees).
 *
 * <p>Ownership: the decoder hands out each message holding exactly one reference to {@code raw}
 * (a retained slice of the inbound buffer). Whoever receives the message owns that reference and
 * must either release the message ({@code ReferenceCountUtil.release(msg)}) or pass ownership on,
 * e.g. {@code ctx.write(msg.raw())}, which releases it once written. Decoded fields (strings,
 * lists, byte arrays) are copies and stay valid after release; accessors that return slices of
 * {@code raw} (such as {@code CopyData.data()}) are only valid while the message is alive.
 *
 * <p>Implementing {@link ReferenceCounted} lets Netty's own utilities (and
 * {@code EmbeddedChannel.finishAndReleaseAll()}) release these messages like any buffer.
 */
public interface FramedMessage extends ReferenceCounted {

    /** The complete original frame: type byte, int32 length and body. */
    ByteBuf raw();

    /** The wire type byte of the frame; reads {@link #raw()}, so only while the message is unreleased. */
    default char type() {
        return (char) (raw().getByte(raw().readerIndex()) & 0xFF);
    }

    @Override
    default int refCnt() {
        return raw().refCnt();
    }

    @Override
    default FramedMessage retain() {
        raw().retain();
        return this;
    }

    @Override
    default FramedMessage retain(int increment) {
        raw().retain(increment);
        return this;
    }

    @Override
    default FramedMessage touch() {
        raw().touch();
        return this;
    }

    @Override
    default FramedMessage touch(Object hint) {
        raw().touch(hint);
        return this;
    }

    @Override
    default boolean release() {
        return raw().release();
    }

    @Override
    default boolean release(int decrement) {
        return raw().release(decrement);
    }
}
