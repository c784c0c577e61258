package dev.gatehouse.proxy.protocol.mysql.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds raw MySQL packets for tests, independently of the encoders under test. */
final class Packets {

    private Packets() {
    }

    static byte[] packet(int sequence, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(payload.length & 0xFF);
        out.write(payload.length >> 8 & 0xFF);
        out.write(payload.length >> 16 & 0xFF);
        out.write(sequence);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case byte[] b -> out.writeBytes(b);
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                case Integer i -> out.write(i);
                default -> throw new IllegalArgumentException(String.valueOf(part));
            }
        }
        return out.toByteArray();
    }

    static byte[] int4(long value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    }

    static byte[] int2(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }

    static byte[] lenencString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return bytes(b.length, b);
    }

    static ByteBuf buf(byte[]... packets) {
        return Unpooled.wrappedBuffer(bytes((Object[]) packets));
    }

    static byte[] column(String name, int type) {
        return bytes(lenencString("def"), lenencString("gh"), lenencString("t"), lenencString("t"), lenencString(name),
                lenencString(name), 0x0c, int2(45), int4(40), type, int2(0), 0, int2(0));
    }
}
