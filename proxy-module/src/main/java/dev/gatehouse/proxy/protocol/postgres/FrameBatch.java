package dev.gatehouse.proxy.protocol.postgres;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;

/**
 * The frames relayed in one read cycle, written to the other side as one buffer. A composite of
 * the original slices: the bytes are not copied, but the channel handles one outbound entry
 * instead of one per message (pgbench's extended protocol sends ten messages per transaction, and
 * per-entry bookkeeping was a third of the relay's CPU time).
 */
final class FrameBatch {

    private final Channel target;
    private CompositeByteBuf frames;

    FrameBatch(Channel target) {
        this.target = target;
    }

    /** Takes over the caller's reference to {@code frame}. */
    void add(ByteBuf frame) {
        if (frames == null) {
            // No consolidation: merging components would copy the bytes this class exists to avoid copying.
            frames = target.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
        }
        frames.addComponent(true, frame);
    }

    /** Writes what was collected (if anything) and flushes the channel. */
    void writeAndFlush() {
        if (frames != null) {
            CompositeByteBuf collected = frames;
            frames = null;
            target.write(collected);
        }
        target.flush();
    }

    /** Drops what was collected, e.g. when the session ends before it could be written. */
    void release() {
        if (frames != null) {
            frames.release();
            frames = null;
        }
    }
}
