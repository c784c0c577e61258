package dev.gatehouse.proxy.protocol.postgres.codec;

import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.assertSingleViolation;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.bytes;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.cstr;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.empty;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.CancelRequest;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.CopyDone;
import dev.gatehouse.proxy.protocol.postgres.message.CopyFail;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.Flush;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.GssEncRequest;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.PasswordMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.SslRequest;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import dev.gatehouse.proxy.protocol.postgres.message.Terminate;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownFrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresFrontendDecoderTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final EmbeddedChannel channel = new EmbeddedChannel(new PostgresFrontendDecoder());

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private void startup() {
        channel.writeInbound(PostgresMessages.startupMessage(ALLOC, params("user", "eve")));
        assertThat((Object) channel.readInbound()).isInstanceOf(StartupMessage.class);
    }

    /** Decodes one regular frame and checks its raw bytes equal the input, then releases it. */
    @SuppressWarnings("unchecked")
    private <T extends FramedMessage> T decodeOne(ByteBuf input, Class<T> type) {
        byte[] expected = bytes(input);
        channel.writeInbound(input);
        Object decoded = channel.readInbound();
        assertThat(decoded).isInstanceOf(type);
        T message = (T) decoded;
        assertThat(bytes(message.raw())).isEqualTo(expected);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(message.release()).isTrue();
        assertThat(input.refCnt()).as("input released once the message is").isZero();
        return message;
    }

    @Test
    void startupMessageKeepsParametersInWireOrder() {
        channel.writeInbound(PostgresMessages.startupMessage(ALLOC, params("user", "eve", "database", "payments",
                "options", "-c search_path=x", "application_name", "psql")));
        StartupMessage startup = channel.readInbound();
        assertThat(startup.protocolVersion()).isEqualTo(196608);
        assertThat(startup.parameters().keySet()).containsExactly("user", "database", "options", "application_name");
        assertThat(startup.user()).isEqualTo("eve");
        assertThat(startup.database()).isEqualTo("payments");
        assertThat(startup.options()).isEqualTo("-c search_path=x");
        assertThat(startup.applicationName()).isEqualTo("psql");
    }

    @Test
    void sslRequestThenStartupMessage() {
        channel.writeInbound(PostgresMessages.sslRequest(ALLOC));
        assertThat((Object) channel.readInbound()).isInstanceOf(SslRequest.class);
        startup();
        decodeOne(PostgresMessages.query(ALLOC, "SELECT 1"), Query.class);
    }

    @Test
    void gssEncRequestStaysInStartup() {
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(GssEncRequest.CODE));
        assertThat((Object) channel.readInbound()).isInstanceOf(GssEncRequest.class);
        startup();
    }

    @Test
    void plaintextPipelinedAfterSslRequestIsRejected() {
        ByteBuf both = Wire.concat(PostgresMessages.sslRequest(ALLOC),
                PostgresMessages.startupMessage(ALLOC, params("user", "mallory")));
        channel.writeInbound(both);
        assertSingleViolation(channel, "08P01", PostgresMessages.query(ALLOC, "SELECT 1"));
    }

    @Test
    void cancelRequestThenNothingElse() {
        channel.writeInbound(PostgresMessages.cancelRequest(ALLOC, 4242, 0xCAFEBABE));
        CancelRequest cancel = channel.readInbound();
        assertThat(cancel.processId()).isEqualTo(4242);
        assertThat(cancel.secretKey()).isEqualTo(0xCAFEBABE);
        assertThat(cancel.toString()).doesNotContain(String.valueOf(0xCAFEBABE));
        channel.writeInbound(PostgresMessages.query(ALLOC, "SELECT 1"));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void everyRegularMessageType() {
        startup();
        assertThat(decodeOne(PostgresMessages.query(ALLOC, "SELECT 1"), Query.class).sql()).isEqualTo("SELECT 1");
        Parse parse = decodeOne(parse("s1", "SELECT $1", 23), Parse.class);
        assertThat(parse.statementName()).isEqualTo("s1");
        assertThat(parse.query()).isEqualTo("SELECT $1");
        assertThat(parse.parameterTypeOids()).containsExactly(23);
        Bind bind = decodeOne(bind(), Bind.class);
        assertThat(bind.portal()).isEqualTo("p1");
        assertThat(bind.statement()).isEqualTo("s1");
        assertThat(bind.parameterFormats()).containsExactly((short) 0);
        assertThat(bind.parameterValues()).hasSize(2);
        assertThat(bind.parameterValues().get(0)).isEqualTo("42".getBytes(StandardCharsets.UTF_8));
        assertThat(bind.parameterValues().get(1)).isNull();
        assertThat(bind.resultFormats()).containsExactly((short) 1);
        Describe describe = decodeOne(frame('D', b -> cstr(b.writeByte('S'), "s1")), Describe.class);
        assertThat(describe.kind()).isEqualTo('S');
        assertThat(describe.name()).isEqualTo("s1");
        Execute execute = decodeOne(frame('E', b -> cstr(b, "p1").writeInt(100)), Execute.class);
        assertThat(execute.portal()).isEqualTo("p1");
        assertThat(execute.maxRows()).isEqualTo(100);
        Close close = decodeOne(frame('C', b -> cstr(b.writeByte('P'), "p1")), Close.class);
        assertThat(close.kind()).isEqualTo('P');
        assertThat(close.name()).isEqualTo("p1");
        decodeOne(empty('S'), Sync.class);
        decodeOne(empty('H'), Flush.class);
        decodeOne(empty('c'), CopyDone.class);
        assertThat(decodeOne(frame('f', b -> cstr(b, "aborted")), CopyFail.class).message()).isEqualTo("aborted");
        decodeOne(frame('F', b -> b.writeInt(1234)), UnknownFrontendMessage.class);
        decodeOne(PostgresMessages.terminate(ALLOC), Terminate.class);
    }

    @Test
    void copyDataAndUnknownExposeTheirBody() {
        startup();
        channel.writeInbound(frame('d', b -> b.writeBytes(new byte[] {1, 2, 3})));
        try (AutoRelease<CopyData> copy = new AutoRelease<>(channel.readInbound())) {
            assertThat(bytes(copy.message.data())).containsExactly(1, 2, 3);
        }
        channel.writeInbound(frame('F', b -> b.writeInt(7)));
        try (AutoRelease<UnknownFrontendMessage> unknown = new AutoRelease<>(channel.readInbound())) {
            assertThat(unknown.message.type()).isEqualTo('F');
            assertThat(unknown.message.content().getInt(0)).isEqualTo(7);
        }
    }

    @Test
    void passwordIsDecodedButNeverPrinted() {
        startup();
        PasswordMessage password = decodeOne(PostgresMessages.passwordMessage(ALLOC, "s3cr3t-token".toCharArray()),
                PasswordMessage.class);
        assertThat(password.password()).containsExactly("s3cr3t-token".toCharArray());
        assertThat(password.toString()).doesNotContain("s3cr3t");
        password.clear();
        assertThat(password.password()).isEmpty();
    }

    @Test
    void messageSplitIntoSingleBytesDecodesOnceComplete() {
        ByteBuf whole = Wire.concat(PostgresMessages.startupMessage(ALLOC, params("user", "eve")),
                PostgresMessages.query(ALLOC, "SELECT now()"));
        List<Object> decoded = new ArrayList<>();
        while (whole.isReadable()) {
            channel.writeInbound(whole.readRetainedSlice(1));
            for (Object m; (m = channel.readInbound()) != null; ) {
                decoded.add(m);
            }
            if (whole.readableBytes() > 0 && decoded.size() == 1) {
                assertThat(decoded.get(0)).isInstanceOf(StartupMessage.class);
            }
        }
        whole.release();
        assertThat(decoded).hasSize(2);
        Query query = (Query) decoded.get(1);
        assertThat(query.sql()).isEqualTo("SELECT now()");
        query.release();
    }

    @Test
    void pipelinedExtendedQueryDecodesInOrderWithExactRawFrames() {
        startup();
        List<ByteBuf> parts = List.of(parse("", "SELECT $1", 0), bind(), frame('D', b -> cstr(b.writeByte('P'), "")),
                frame('E', b -> cstr(b, "").writeInt(0)), empty('S'));
        List<byte[]> expected = parts.stream().map(Wire::bytes).toList();
        ByteBuf input = Wire.concat(parts.toArray(ByteBuf[]::new));
        channel.writeInbound(input);
        List<Class<?>> types = List.of(Parse.class, Bind.class, Describe.class, Execute.class, Sync.class);
        for (int i = 0; i < types.size(); i++) {
            FramedMessage message = channel.readInbound();
            assertThat(message).isInstanceOf(types.get(i));
            assertThat(bytes(message.raw())).isEqualTo(expected.get(i));
            message.release();
        }
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(input.refCnt()).isZero();
    }

    private static ByteBuf parse(String name, String sql, int oid) {
        return frame('P', b -> cstr(cstr(b, name), sql).writeShort(1).writeInt(oid));
    }

    private static ByteBuf bind() {
        return frame('B', b -> {
            cstr(cstr(b, "p1"), "s1").writeShort(1).writeShort(0);
            b.writeShort(2).writeInt(2).writeBytes("42".getBytes(StandardCharsets.UTF_8)).writeInt(-1);
            b.writeShort(1).writeShort(1);
        });
    }

    /** Releases a decoded message at the end of a try block. */
    private record AutoRelease<T>(T message) implements AutoCloseable {
        @Override
        public void close() {
            assertThat(ReferenceCountUtil.release(message)).isTrue();
        }
    }
}
