package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A decoded MySQL message that keeps its original packets ({@link #raw()}: every 4-byte header and
 * payload, in order) for forwarding byte for byte. Holding one reference to {@code raw}, it is
 * released like a buffer ({@code ReferenceCountUtil.release}, {@code EmbeddedChannel.finishAndReleaseAll}).
 */
public interface MySqlMessage extends ReferenceCounted {

    /** The message's packets as they arrived. */
    ByteBuf raw();

    /** The sequence id of its first packet. */
    default int sequenceId() {
        return raw().getUnsignedByte(raw().readerIndex() + 3);
    }

    @Override
    default int refCnt() {
        return raw().refCnt();
    }

    @Override
    default MySqlMessage retain() {
        raw().retain();
        return this;
    }

    @Override
    default MySqlMessage retain(int increment) {
        raw().retain(increment);
        return this;
    }

    @Override
    default MySqlMessage touch() {
        raw().touch();
        return this;
    }

    @Override
    default MySqlMessage touch(Object hint) {
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
