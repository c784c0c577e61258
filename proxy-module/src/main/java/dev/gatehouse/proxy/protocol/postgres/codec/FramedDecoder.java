package dev.gatehouse.proxy.protocol.postgres.codec;

import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Shared framing for the regular phase of both directions: type byte + int32 length (counting
 * itself, not the type byte) + body. Subclasses only parse bodies.
 *
 * <p>Lengths are checked as soon as the 5-byte header is in, before waiting for the body, so a
 * peer announcing 2 GB cannot make us buffer it. Any violation is emitted once as a
 * {@link ProtocolViolation} and everything after it is discarded: once framing is lost, later
 * bytes cannot be trusted to be message boundaries.
 */
abstract class FramedDecoder extends ByteToMessageDecoder {

    private static final int HEADER = 5;

    private final int maxMessageSize;
    private boolean discarding;

    FramedDecoder(int maxMessageSize) {
        if (maxMessageSize < 4) {
            throw new IllegalArgumentException("maxMessageSize must be at least 4: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** Parses one complete frame; {@code body} is a view of the frame after the header. */
    abstract Object parseFrame(char type, ByteBuf frame, ByteBuf body) throws MalformedMessageException;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        decodeBeforeFraming(in, out);
    }

    /** Hook for the frontend's startup phase; by default every byte is framed. */
    void decodeBeforeFraming(ByteBuf in, List<Object> out) {
        decodeFrame(in, out);
    }

    final void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER) {
            return;
        }
        int start = in.readerIndex();
        char type = (char) (in.getByte(start) & 0xFF);
        int length = in.getInt(start + 1);
        if (length < 4 || length > maxMessageSize) {
            fail(in, out, ProtocolViolation.of("invalid message length " + Integer.toUnsignedString(length)
                    + " for message type " + printable(type) + " (limit " + maxMessageSize + ")"));
            return;
        }
        if (in.readableBytes() < 1 + length) {
            return; // Truncated: ByteToMessageDecoder calls again when more bytes arrive.
        }
        ByteBuf frame = in.readRetainedSlice(1 + length);
        boolean handedOut = false;
        try {
            ByteBuf body = frame.slice(frame.readerIndex() + HEADER, length - 4);
            out.add(parseFrame(type, frame, body));
            handedOut = true;
        } catch (MalformedMessageException e) {
            fail(in, out, ProtocolViolation.of(e.getMessage() + " (message type " + printable(type) + ")"));
        } finally {
            if (!handedOut) {
                frame.release();
            }
        }
    }

    final void fail(ByteBuf in, List<Object> out, ProtocolViolation violation) {
        in.skipBytes(in.readableBytes());
        discarding = true;
        out.add(violation);
    }

    final void discardFromNowOn() {
        discarding = true;
    }

    /** Never echo raw control bytes into an error message that may end up in a log or at the client. */
    private static String printable(char type) {
        return type >= 0x21 && type <= 0x7E ? "'" + type + "'" : "0x" + Integer.toHexString(type);
    }
}
