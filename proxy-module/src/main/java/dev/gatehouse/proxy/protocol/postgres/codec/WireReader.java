package dev.gatehouse.proxy.protocol.postgres.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked readers for message bodies. Every read checks what is left in the body first,
 * so a lying count or a missing terminator becomes a {@link MalformedMessageException} instead of
 * an IndexOutOfBoundsException escaping into the pipeline.
 *
 * <p>Strings are decoded as UTF-8, the encoding the gateway negotiates; a byte sequence that is
 * not valid UTF-8 is replaced, not rejected, since the gateway only inspects and forwards raw.
 */
final class WireReader {

    private WireReader() {
    }

    static String cString(ByteBuf body, String what) throws MalformedMessageException {
        int length = body.bytesBefore((byte) 0);
        if (length < 0) {
            throw new MalformedMessageException("invalid message format: unterminated " + what);
        }
        String value = body.toString(body.readerIndex(), length, StandardCharsets.UTF_8);
        body.skipBytes(length + 1);
        return value;
    }

    static byte int8(ByteBuf body, String what) throws MalformedMessageException {
        need(body, 1, what);
        return body.readByte();
    }

    static short int16(ByteBuf body, String what) throws MalformedMessageException {
        need(body, 2, what);
        return body.readShort();
    }

    /** An int16 count, which PostgreSQL treats as invalid when negative. */
    static int count(ByteBuf body, String what) throws MalformedMessageException {
        short count = int16(body, what);
        if (count < 0) {
            throw new MalformedMessageException("invalid message format: negative " + what);
        }
        return count;
    }

    static int int32(ByteBuf body, String what) throws MalformedMessageException {
        need(body, 4, what);
        return body.readInt();
    }

    static byte[] bytes(ByteBuf body, int length, String what) throws MalformedMessageException {
        need(body, length, what);
        byte[] value = ByteBufUtil.getBytes(body, body.readerIndex(), length);
        body.skipBytes(length);
        return value;
    }

    static byte[] rest(ByteBuf body) {
        byte[] value = ByteBufUtil.getBytes(body);
        body.skipBytes(value.length);
        return value;
    }

    /** Trailing bytes are rejected like PostgreSQL's pq_getmsgend: they could smuggle data past inspection. */
    static void end(ByteBuf body, String message) throws MalformedMessageException {
        if (body.isReadable()) {
            throw new MalformedMessageException("invalid message format: trailing bytes in " + message);
        }
    }

    private static void need(ByteBuf body, int length, String what) throws MalformedMessageException {
        if (length < 0 || body.readableBytes() < length) {
            throw new MalformedMessageException("invalid message format: truncated " + what);
        }
    }
}
