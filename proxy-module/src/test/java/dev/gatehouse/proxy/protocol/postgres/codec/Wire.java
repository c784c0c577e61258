package dev.gatehouse.proxy.protocol.postgres.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Hand-built frames for the tests, written independently of the encoders under test. */
final class Wire {

    private Wire() {
    }

    static ByteBuf frame(char type, Consumer<ByteBuf> body) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(type).writeInt(0);
        body.accept(buf);
        buf.setInt(1, buf.writerIndex() - 1);
        return buf;
    }

    static ByteBuf empty(char type) {
        return frame(type, b -> { });
    }

    static ByteBuf cstr(ByteBuf buf, String value) {
        buf.writeCharSequence(value, StandardCharsets.UTF_8);
        return buf.writeByte(0);
    }

    static ByteBuf header(char type, int length) {
        return Unpooled.buffer().writeByte(type).writeInt(length);
    }

    static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    static ByteBuf concat(ByteBuf... parts) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part : parts) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    /** Exactly one violation with this SQLSTATE, then the decoder ignores whatever follows. */
    static ProtocolViolation assertSingleViolation(EmbeddedChannel channel, String sqlState, ByteBuf more) {
        Object first = channel.readInbound();
        assertThat(first).isInstanceOf(ProtocolViolation.class);
        ProtocolViolation violation = (ProtocolViolation) first;
        assertThat(violation.sqlState()).isEqualTo(sqlState);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.writeInbound(more)).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(more.refCnt()).isZero();
        return violation;
    }
}
