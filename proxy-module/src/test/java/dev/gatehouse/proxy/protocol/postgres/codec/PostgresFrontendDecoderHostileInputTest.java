package dev.gatehouse.proxy.protocol.postgres.codec;

import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.assertSingleViolation;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.cstr;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.empty;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or broken client input: each case yields exactly one ProtocolViolation, then silence. */
class PostgresFrontendDecoderHostileInputTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private EmbeddedChannel channel = new EmbeddedChannel(new PostgresFrontendDecoder());

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static Map<String, String> params(String... keyValues) {
        return Map.of(keyValues[0], keyValues[1]);
    }

    private void startup() {
        channel.writeInbound(PostgresMessages.startupMessage(ALLOC, params("user", "eve")));
        assertThat((Object) channel.readInbound()).isInstanceOf(StartupMessage.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7FFFFFFF, -1, Integer.MIN_VALUE, 0, 1, 2, 3, 7, 10 * 1024 + 1})
    void hostileStartupLength(int length) {
        channel.writeInbound(Unpooled.buffer().writeInt(length).writeInt(196608).writeZero(16));
        assertSingleViolation(channel, "08P01", Unpooled.buffer().writeZero(64));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7FFFFFFF, -1, Integer.MIN_VALUE, 0, 1, 2, 3, 1024 * 1024 + 1})
    void hostileRegularLength(int length) {
        startup();
        channel.writeInbound(Wire.header('Q', length).writeZero(16));
        assertSingleViolation(channel, "08P01", PostgresMessages.query(ALLOC, "SELECT 1"));
    }

    @Test
    void oversizedRegularMessageUnderACustomLimit() {
        channel = new EmbeddedChannel(new PostgresFrontendDecoder(1024, 64));
        startup();
        channel.writeInbound(PostgresMessages.query(ALLOC, "SELECT '" + "x".repeat(100) + "'"));
        ProtocolViolation violation = assertSingleViolation(channel, "08P01", empty('S'));
        assertThat(violation.message()).contains("limit 64");
    }

    @Test
    void httpGarbageBeforeStartup() {
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        assertSingleViolation(channel, "08P01", Unpooled.buffer().writeZero(8));
    }

    @Test
    void startupWithoutUser() {
        channel.writeInbound(PostgresMessages.startupMessage(ALLOC, params("user", "x")).setByte(8, 'U'));
        ProtocolViolation violation = assertSingleViolation(channel, "28000", empty('S'));
        assertThat(violation.message()).contains("no PostgreSQL user name");
    }

    @Test
    void unsupportedProtocolVersion() {
        ByteBuf v2 = PostgresMessages.startupMessage(ALLOC, params("user", "eve")).setInt(4, 0x00020000);
        channel.writeInbound(v2);
        ProtocolViolation violation = assertSingleViolation(channel, "0A000", empty('S'));
        assertThat(violation.message()).contains("unsupported frontend protocol 2.0");
    }

    @Test
    void startupWithoutTerminatorIsMalformed() {
        channel.writeInbound(Unpooled.buffer().writeInt(14).writeInt(196608).writeBytes("user\0x".getBytes(
                StandardCharsets.US_ASCII)));
        assertSingleViolation(channel, "08P01", empty('S'));
    }

    @Test
    void malformedBodiesAreViolationsNotExceptions() {
        startup();
        channel.writeInbound(frame('Q', b -> b.writeBytes("no terminator".getBytes(StandardCharsets.US_ASCII))));
        assertSingleViolation(channel, "08P01", empty('S'));
    }

    @Test
    void bindWithLyingParameterLength() {
        startup();
        channel.writeInbound(frame('B', b -> cstr(cstr(b, ""), "").writeShort(0).writeShort(1).writeInt(1000)));
        assertSingleViolation(channel, "08P01", empty('S'));
    }

    @Test
    void describeWithUnknownKind() {
        startup();
        channel.writeInbound(frame('D', b -> cstr(b.writeByte('X'), "")));
        assertSingleViolation(channel, "08P01", empty('S'));
    }
}
