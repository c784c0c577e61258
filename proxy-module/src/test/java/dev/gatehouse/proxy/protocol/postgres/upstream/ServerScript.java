package dev.gatehouse.proxy.protocol.postgres.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Server messages built by hand for handler tests, independent of the encoders under test. */
final class ServerScript {

    private ServerScript() {
    }

    static ByteBuf frame(char type, Consumer<ByteBuf> body) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(type).writeInt(0);
        body.accept(buf);
        buf.setInt(1, buf.writerIndex() - 1);
        return buf;
    }

    static ByteBuf authentication(int subtype, byte[] data) {
        return frame('R', b -> b.writeInt(subtype).writeBytes(data));
    }

    static ByteBuf authenticationOk() {
        return authentication(0, new byte[0]);
    }

    static ByteBuf saslMechanisms(String... mechanisms) {
        return frame('R', b -> {
            b.writeInt(10);
            for (String mechanism : mechanisms) {
                cString(b, mechanism);
            }
            b.writeByte(0);
        });
    }

    static ByteBuf saslContinue(String data) {
        return authentication(11, data.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf saslFinal(String data) {
        return authentication(12, data.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf parameterStatus(String name, String value) {
        return frame('S', b -> {
            cString(b, name);
            cString(b, value);
        });
    }

    static ByteBuf backendKeyData(int processId, int secretKey) {
        return frame('K', b -> b.writeInt(processId).writeInt(secretKey));
    }

    static ByteBuf readyForQuery() {
        return frame('Z', b -> b.writeByte('I'));
    }

    static ByteBuf notice(String message) {
        return frame('N', b -> {
            b.writeByte('S');
            cString(b, "WARNING");
            b.writeByte('C');
            cString(b, "01000");
            b.writeByte('M');
            cString(b, message);
            b.writeByte(0);
        });
    }

    static ByteBuf error(String sqlState, String message) {
        return frame('E', b -> {
            b.writeByte('S');
            cString(b, "FATAL");
            b.writeByte('C');
            cString(b, sqlState);
            b.writeByte('M');
            cString(b, message);
            b.writeByte(0);
        });
    }

    static ByteBuf concat(ByteBuf... parts) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part : parts) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    private static void cString(ByteBuf buf, String value) {
        buf.writeCharSequence(value, StandardCharsets.UTF_8);
        buf.writeByte(0);
    }
}
