package dev.gatehouse.proxy.protocol.postgres.codec;

import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.assertSingleViolation;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.bytes;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.cstr;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.empty;
import static dev.gatehouse.proxy.protocol.postgres.codec.Wire.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.postgres.message.AuthenticationRequest;
import dev.gatehouse.proxy.protocol.postgres.message.BackendKeyData;
import dev.gatehouse.proxy.protocol.postgres.message.BindComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CloseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.CopyDone;
import dev.gatehouse.proxy.protocol.postgres.message.CopyInResponse;
import dev.gatehouse.proxy.protocol.postgres.message.CopyOutResponse;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.NotificationResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterDescription;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.ParseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownBackendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresBackendDecoderTest {

    private EmbeddedChannel channel = new EmbeddedChannel(new PostgresBackendDecoder());

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /** Decodes one frame, checks raw equals the input, runs the checks, then releases and checks refCnt. */
    @SuppressWarnings("unchecked")
    private <T extends FramedMessage> void decode(ByteBuf input, Class<T> type, Consumer<T> checks) {
        byte[] expected = bytes(input);
        channel.writeInbound(input);
        Object decoded = channel.readInbound();
        assertThat(decoded).isInstanceOf(type);
        T message = (T) decoded;
        assertThat(bytes(message.raw())).isEqualTo(expected);
        checks.accept(message);
        assertThat(message.release()).isTrue();
        assertThat(input.refCnt()).isZero();
        assertThat((Object) channel.readInbound()).isNull();
    }

    private static ByteBuf auth(int subtype, Consumer<ByteBuf> rest) {
        return frame('R', b -> {
            b.writeInt(subtype);
            rest.accept(b);
        });
    }

    @Test
    void authenticationSubtypes() {
        decode(auth(0, b -> { }), AuthenticationRequest.class, m -> assertThat(m.subtype()).isZero());
        decode(auth(3, b -> { }), AuthenticationRequest.class, m -> assertThat(m.subtype()).isEqualTo(3));
        decode(auth(5, b -> b.writeBytes(new byte[] {9, 8, 7, 6})), AuthenticationRequest.class,
                m -> assertThat(m.salt()).containsExactly(9, 8, 7, 6));
        decode(auth(10, b -> cstr(cstr(b, "SCRAM-SHA-256-PLUS"), "SCRAM-SHA-256").writeByte(0)),
                AuthenticationRequest.class,
                m -> assertThat(m.mechanisms()).containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"));
        decode(auth(11, b -> b.writeBytes("r=abc,s=xyz,i=4096".getBytes(StandardCharsets.US_ASCII))),
                AuthenticationRequest.class,
                m -> assertThat(new String(m.data(), StandardCharsets.US_ASCII)).isEqualTo("r=abc,s=xyz,i=4096"));
        decode(auth(12, b -> b.writeBytes("v=sig".getBytes(StandardCharsets.US_ASCII))), AuthenticationRequest.class,
                m -> assertThat(m.data()).asString(StandardCharsets.US_ASCII).isEqualTo("v=sig"));
    }

    @Test
    void md5WithoutFullSaltIsAViolation() {
        channel.writeInbound(auth(5, b -> b.writeShort(1)));
        assertSingleViolation(channel, "08P01", empty('1'));
    }

    @Test
    void sessionSetupMessages() {
        decode(frame('S', b -> cstr(cstr(b, "server_version"), "17.2")), ParameterStatus.class, m -> {
            assertThat(m.name()).isEqualTo("server_version");
            assertThat(m.value()).isEqualTo("17.2");
        });
        decode(frame('K', b -> b.writeInt(77).writeInt(-5)), BackendKeyData.class, m -> {
            assertThat(m.processId()).isEqualTo(77);
            assertThat(m.secretKey()).isEqualTo(-5);
            assertThat(m.toString()).doesNotContain("-5");
        });
        decode(frame('Z', b -> b.writeByte('T')), ReadyForQuery.class, m -> assertThat(m.status()).isEqualTo('T'));
    }

    @Test
    void rowDescriptionWithTwoFields() {
        decode(frame('T', b -> {
            b.writeShort(2);
            cstr(b, "id").writeInt(16384).writeShort(1).writeInt(23).writeShort(4).writeInt(-1).writeShort(0);
            cstr(b, "name").writeInt(16384).writeShort(2).writeInt(25).writeShort(-1).writeInt(-1).writeShort(1);
        }), RowDescription.class, m -> assertThat(m.fields()).containsExactly(
                new RowDescription.Field("id", 16384, (short) 1, 23, (short) 4, -1, (short) 0),
                new RowDescription.Field("name", 16384, (short) 2, 25, (short) -1, -1, (short) 1)));
    }

    @Test
    void dataRowWithNullAndValues() {
        decode(frame('D', b -> b.writeShort(3).writeInt(2).writeBytes("42".getBytes(StandardCharsets.US_ASCII))
                .writeInt(-1).writeInt(0)), DataRow.class, row -> {
                    assertThat(row.columnCount()).isEqualTo(3);
                    assertThat(row.columnBytes(0)).asString(StandardCharsets.US_ASCII).isEqualTo("42");
                    assertThat(row.isNull(1)).isTrue();
                    assertThat(row.column(1)).isNull();
                    assertThat(row.columnBytes(2)).isEmpty();
                    assertThat(row.isNull(2)).isFalse();
                });
    }

    @Test
    void dataRowColumnLengthPastTheFrameIsAViolation() {
        channel.writeInbound(frame('D', b -> b.writeShort(1).writeInt(100).writeBytes(new byte[3])));
        assertSingleViolation(channel, "08P01", empty('1'));
    }

    @Test
    void errorAndNoticeFields() {
        decode(frame('E', b -> {
            cstr(b.writeByte('S'), "ERREUR");
            cstr(b.writeByte('V'), "ERROR");
            cstr(b.writeByte('C'), "42P01");
            cstr(b.writeByte('M'), "relation \"x\" does not exist");
            cstr(b.writeByte('P'), "15");
            b.writeByte(0);
        }), ErrorResponse.class, m -> {
            assertThat(m.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'P');
            assertThat(m.severity()).isEqualTo("ERROR");
            assertThat(m.sqlState()).isEqualTo("42P01");
            assertThat(m.message()).isEqualTo("relation \"x\" does not exist");
            assertThat(m.fields()).containsEntry('P', "15");
        });
        decode(frame('N', b -> cstr(cstr(b.writeByte('S'), "NOTICE").writeByte('M'), "hi").writeByte(0)),
                NoticeResponse.class, m -> {
                    assertThat(m.severity()).isEqualTo("NOTICE");
                    assertThat(m.message()).isEqualTo("hi");
                });
    }

    @Test
    void emptyBodiedMessages() {
        decode(empty('1'), ParseComplete.class, m -> { });
        decode(empty('2'), BindComplete.class, m -> { });
        decode(empty('3'), CloseComplete.class, m -> { });
        decode(empty('n'), NoData.class, m -> { });
        decode(empty('s'), PortalSuspended.class, m -> { });
        decode(empty('I'), EmptyQueryResponse.class, m -> { });
        decode(empty('c'), CopyDone.class, m -> { });
    }

    @Test
    void queryResultAndMiscMessages() {
        decode(frame('C', b -> cstr(b, "SELECT 3")), CommandComplete.class,
                m -> assertThat(m.tag()).isEqualTo("SELECT 3"));
        decode(frame('t', b -> b.writeShort(2).writeInt(23).writeInt(25)), ParameterDescription.class,
                m -> assertThat(m.typeOids()).containsExactly(23, 25));
        decode(frame('A', b -> cstr(cstr(b.writeInt(99), "jobs"), "{\"id\":1}")), NotificationResponse.class, m -> {
            assertThat(m.processId()).isEqualTo(99);
            assertThat(m.channel()).isEqualTo("jobs");
            assertThat(m.payload()).isEqualTo("{\"id\":1}");
        });
        decode(frame('G', b -> b.writeByte(0).writeShort(2).writeShort(0).writeShort(0)), CopyInResponse.class,
                m -> assertThat(m.columnFormats()).containsExactly((short) 0, (short) 0));
        decode(frame('H', b -> b.writeByte(1).writeShort(1).writeShort(1)), CopyOutResponse.class, m -> {
            assertThat(m.overallFormat()).isEqualTo(1);
            assertThat(m.columnFormats()).containsExactly((short) 1);
        });
        decode(frame('d', b -> b.writeBytes(new byte[] {5, 6})), CopyData.class,
                m -> assertThat(bytes(m.data())).containsExactly(5, 6));
        decode(frame('v', b -> b.writeInt(0).writeInt(0)), UnknownBackendMessage.class,
                m -> assertThat(m.type()).isEqualTo('v'));
    }

    @Test
    void readyForQueryWithBadStatus() {
        channel.writeInbound(frame('Z', b -> b.writeByte('Q')));
        assertSingleViolation(channel, "08P01", empty('1'));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7FFFFFFF, -1, Integer.MIN_VALUE, 0, 1, 2, 3, 64 * 1024 * 1024 + 1})
    void hostileLength(int length) {
        channel.writeInbound(Wire.header('D', length).writeZero(16));
        assertSingleViolation(channel, "08P01", empty('1'));
    }

    @Test
    void oversizedUnderACustomLimit() {
        channel = new EmbeddedChannel(new PostgresBackendDecoder(32));
        channel.writeInbound(frame('C', b -> cstr(b, "x".repeat(40))));
        assertSingleViolation(channel, "08P01", empty('1'));
    }

    @Test
    void splitAcrossSingleByteWrites() {
        ByteBuf whole = frame('C', b -> cstr(b, "INSERT 0 1"));
        while (whole.readableBytes() > 1) {
            channel.writeInbound(whole.readRetainedSlice(1));
            assertThat((Object) channel.readInbound()).isNull();
        }
        channel.writeInbound(whole);
        CommandComplete complete = channel.readInbound();
        assertThat(complete.tag()).isEqualTo("INSERT 0 1");
        complete.release();
        assertThat(whole.refCnt()).isZero();
    }
}
