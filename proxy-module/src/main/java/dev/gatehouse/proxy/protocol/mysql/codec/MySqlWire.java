package dev.gatehouse.proxy.protocol.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readers and writers of MySQL's basic types: little-endian fixed integers, length-encoded
 * integers and strings, NUL-terminated strings. Readers check every length against what is there.
 */
public final class MySqlWire {

    /** A length-encoded integer's marker for NULL in a text row. */
    public static final int NULL_MARKER = 0xFB;

    private MySqlWire() {
    }

    static int int1(ByteBuf in) throws MalformedPacketException {
        need(in, 1);
        return in.readUnsignedByte();
    }

    static int int2(ByteBuf in) throws MalformedPacketException {
        need(in, 2);
        return in.readUnsignedShortLE();
    }

    static long int4(ByteBuf in) throws MalformedPacketException {
        need(in, 4);
        return in.readUnsignedIntLE();
    }

    /** A length-encoded integer: one byte below 0xFB, else 0xFC + 2, 0xFD + 3, 0xFE + 8 bytes. 0xFB and 0xFF are not integers. */
    static long lenenc(ByteBuf in) throws MalformedPacketException {
        int first = int1(in);
        return switch (first) {
            case 0xFC -> int2(in);
            case 0xFD -> {
                need(in, 3);
                yield in.readUnsignedMediumLE();
            }
            case 0xFE -> {
                need(in, 8);
                long value = in.readLongLE();
                if (value < 0) {
                    throw new MalformedPacketException("a length above 2^63");
                }
                yield value;
            }
            case 0xFB, 0xFF -> throw new MalformedPacketException("0x" + Integer.toHexString(first) + " where a length was expected");
            default -> first;
        };
    }

    static byte[] lenencBytes(ByteBuf in) throws MalformedPacketException {
        long length = lenenc(in);
        if (length > in.readableBytes()) {
            throw new MalformedPacketException("a string of " + length + " bytes where " + in.readableBytes() + " are left");
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    static String lenencString(ByteBuf in) throws MalformedPacketException {
        return new String(lenencBytes(in), StandardCharsets.UTF_8);
    }

    static byte[] nulBytes(ByteBuf in) throws MalformedPacketException {
        int nul = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        if (nul < 0) {
            throw new MalformedPacketException("a string without its terminating NUL");
        }
        byte[] bytes = new byte[nul - in.readerIndex()];
        in.readBytes(bytes);
        in.skipBytes(1);
        return bytes;
    }

    static String nulString(ByteBuf in) throws MalformedPacketException {
        return new String(nulBytes(in), StandardCharsets.UTF_8);
    }

    static String restString(ByteBuf in) {
        return in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
    }

    static byte[] bytes(ByteBuf in, int length) throws MalformedPacketException {
        need(in, length);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    /** Connection attributes: a length-encoded block of length-encoded key/value strings. */
    static Map<String, String> attributes(ByteBuf in) throws MalformedPacketException {
        long length = lenenc(in);
        if (length > in.readableBytes()) {
            throw new MalformedPacketException("connection attributes longer than the packet");
        }
        ByteBuf block = in.readSlice((int) length);
        Map<String, String> attributes = new LinkedHashMap<>();
        while (block.isReadable()) {
            String key = lenencString(block);
            attributes.put(key, lenencString(block));
        }
        return attributes;
    }

    static void need(ByteBuf in, int bytes) throws MalformedPacketException {
        if (in.readableBytes() < bytes) {
            throw new MalformedPacketException("the packet ends early");
        }
    }

    public static void writeLenenc(ByteBuf out, long value) {
        if (value < 0xFB) {
            out.writeByte((int) value);
        } else if (value <= 0xFFFF) {
            out.writeByte(0xFC).writeShortLE((int) value);
        } else if (value <= 0xFFFFFF) {
            out.writeByte(0xFD).writeMediumLE((int) value);
        } else {
            out.writeByte(0xFE).writeLongLE(value);
        }
    }

    public static void writeLenencBytes(ByteBuf out, byte[] bytes) {
        writeLenenc(out, bytes.length);
        out.writeBytes(bytes);
    }

    public static void writeLenencString(ByteBuf out, String text) {
        writeLenencBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A NUL-terminated string; a NUL inside would end it early and let the rest be read as other fields: refused. */
    public static void writeNulString(ByteBuf out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("a NUL inside a NUL-terminated string");
            }
        }
        out.writeBytes(bytes).writeByte(0);
    }
}
