package dev.gatehouse.proxy.protocol.mysql.codec;

import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.buf;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.bytes;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.int2;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.int4;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.packet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.mysql.message.AuthResponse;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.ComChangeUser;
import dev.gatehouse.proxy.protocol.mysql.message.ComInitDb;
import dev.gatehouse.proxy.protocol.mysql.message.ComProcessKill;
import dev.gatehouse.proxy.protocol.mysql.message.ComQuery;
import dev.gatehouse.proxy.protocol.mysql.message.ComSetOption;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtClose;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtExecute;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtFetch;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtPrepare;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtSendLongData;
import dev.gatehouse.proxy.protocol.mysql.message.Command;
import dev.gatehouse.proxy.protocol.mysql.message.CommandType;
import dev.gatehouse.proxy.protocol.mysql.message.HandshakeResponse;
import dev.gatehouse.proxy.protocol.mysql.message.LocalInfileData;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlMessage;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.SslRequest;
import dev.gatehouse.proxy.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client → gateway packets, hostile ones included; reference counts checked after every test. */
class MySqlFrontendDecoderTest {

    static final long CLIENT_CAPS = Capabilities.LONG_PASSWORD | Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
            | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_WITH_DB
            | Capabilities.CONNECT_ATTRS | Capabilities.MULTI_STATEMENTS | Capabilities.MULTI_RESULTS | Capabilities.DEPRECATE_EOF;

    private EmbeddedChannel channel;
    private final MySqlFrontendDecoder decoder = new MySqlFrontendDecoder(64 * 1024, 1024 * 1024);

    @AfterEach
    void release() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    static byte[] handshakePayload(long caps, String user, byte[] token, String database) {
        byte[] attributes = bytes(Packets.lenencString("_client_name"), Packets.lenencString("libmariadb"));
        return bytes(int4(caps), int4(16777216), 45, new byte[23], user, 0, token.length, token, database, 0,
                "mysql_clear_password", 0, attributes.length, attributes);
    }

    private List<Object> feed(ByteBuf... buffers) {
        if (channel == null) {
            channel = new EmbeddedChannel(decoder);
        }
        for (ByteBuf b : buffers) {
            channel.writeInbound(b);
        }
        List<Object> out = new ArrayList<>();
        for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
            out.add(m);
        }
        return out;
    }

    private static void release(List<Object> messages) {
        messages.forEach(m -> {
            if (m instanceof MySqlMessage message) {
                message.release();
            }
        });
    }

    @Test
    void readsTheHandshakeResponseAndKeepsItsPacket() {
        byte[] token = "ght_secret-token-value".getBytes(StandardCharsets.UTF_8);
        byte[] packet = packet(1, handshakePayload(CLIENT_CAPS, "payments", token, "appdb"));
        List<Object> out = feed(buf(packet));
        assertThat(out).hasSize(1);
        HandshakeResponse response = (HandshakeResponse) out.get(0);
        assertThat(response.user()).isEqualTo("payments");
        assertThat(response.database()).isEqualTo("appdb");
        assertThat(response.authPlugin()).isEqualTo("mysql_clear_password");
        assertThat(response.authResponse()).isEqualTo(token);
        assertThat(response.attributes()).containsEntry("_client_name", "libmariadb");
        assertThat(response.collation()).isEqualTo(45);
        assertThat(ByteBufUtil.getBytes(response.raw())).isEqualTo(packet);
        assertThat(response.toString()).doesNotContain("secret").contains("redacted");
        response.clear();
        assertThat(response.authResponse()).containsOnly(0);
        assertThat(response.refCnt()).isEqualTo(1);
        response.release();
        assertThat(decoder.clientCapabilities()).isEqualTo(CLIENT_CAPS);
    }

    @Test
    void sslRequestThenTheHandshakeResponseOverTls() {
        List<Object> out = feed(buf(packet(1, bytes(int4(CLIENT_CAPS | Capabilities.SSL), int4(16777216), 45, new byte[23]))));
        assertThat(out).singleElement().isInstanceOf(SslRequest.class);
        release(out);
        decoder.expectHandshakeAfterTls();
        out = feed(buf(packet(2, handshakePayload(CLIENT_CAPS, "payments", new byte[] {1}, "appdb"))));
        assertThat(out).singleElement().isInstanceOf(HandshakeResponse.class);
        release(out);
    }

    @Test
    void bytesAfterTheSslRequestAreNeverReadAsPlaintextButHandedToTls() {
        byte[] ssl = packet(1, bytes(int4(CLIENT_CAPS | Capabilities.SSL), int4(16777216), 45, new byte[23]));
        byte[] clientHello = bytes(0x16, 0x03, 0x01, 0x00, 0x05, "hello"); // the start of a TLS record, in the same read
        byte[] injected = packet(2, bytes(3, "SELECT 1")); // and what a plaintext injection would look like
        List<Object> out = feed(buf(ssl, clientHello, injected));
        assertThat(out).singleElement().isInstanceOf(SslRequest.class);
        release(out);
        ByteBuf forTls = decoder.bytesForTls();
        assertThat(ByteBufUtil.getBytes(forTls)).isEqualTo(bytes(clientHello, injected));
        forTls.release();
        assertThat(feed(Unpooled.wrappedBuffer(new byte[] {0x17, 0x03}))).isEmpty(); // still nothing decoded before TLS is in place
        ByteBuf more = decoder.bytesForTls();
        assertThat(more.readableBytes()).isEqualTo(2);
        more.release();
    }

    @Test
    void garbageBeforeTheHandshakeResponseIsABadHandshake() {
        List<Object> out = feed(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        MySqlProtocolViolation violation = (MySqlProtocolViolation) out.get(0);
        assertThat(violation.errorCode()).isEqualTo(MySqlProtocolViolation.HANDSHAKE_ERROR);
        assertThat(violation.message()).startsWith("bad handshake");
        assertThat(feed(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}))).isEmpty(); // everything after is discarded
    }

    @Test
    void aPre41HandshakeIsRefused() {
        List<Object> out = feed(buf(packet(1, bytes(int2(0x0001), 0, 0, 0, "root", 0, "x", 0))));
        assertThat(((MySqlProtocolViolation) out.get(0)).message()).contains("4.1");
    }

    @Test
    void aWrongSequenceIdIsPacketsOutOfOrder() {
        List<Object> out = feed(buf(packet(0, handshakePayload(CLIENT_CAPS, "u", new byte[0], "d"))));
        assertThat(((MySqlProtocolViolation) out.get(0)).message()).contains("sequence id 0 where 1 was expected");
        channel.finishAndReleaseAll();
        channel = null;
        MySqlFrontendDecoder commands = new MySqlFrontendDecoder();
        commands.expectCommands();
        channel = new EmbeddedChannel(commands);
        channel.writeInbound(buf(packet(3, bytes(0x0e))));
        MySqlProtocolViolation violation = channel.readInbound();
        assertThat(violation.errorCode()).isEqualTo(MySqlProtocolViolation.PACKETS_OUT_OF_ORDER);
    }

    @Test
    void oversizedLengthsAreRefusedFromTheHeaderAlone() {
        // A handshake "packet" announcing 16 MiB - 1 bytes (all 24 bits set, the -1 of a signed reader): refused before any body arrives.
        List<Object> out = feed(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}));
        MySqlProtocolViolation violation = (MySqlProtocolViolation) out.get(0);
        assertThat(violation.message()).contains("more than 65536 bytes");
    }

    @Test
    void aCommandGrowingPastTheLimitThroughContinuationPacketsIsRefused() {
        decoder.expectCommands();
        byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};
        List<Object> out = feed(Unpooled.wrappedBuffer(header));
        assertThat(((MySqlProtocolViolation) out.get(0)).errorCode()).isEqualTo(MySqlProtocolViolation.PACKET_TOO_LARGE);
    }

    @Test
    void sixteenMebibyteQueriesArriveInContinuationPackets() {
        MySqlFrontendDecoder big = new MySqlFrontendDecoder(64 * 1024, 32L * 1024 * 1024);
        big.expectCommands();
        channel = new EmbeddedChannel(big);
        byte[] sql = new byte[0xFFFFFF + 10];
        Arrays.fill(sql, (byte) 'x');
        byte[] payload = bytes(3, sql);
        byte[] first = packet(0, Arrays.copyOfRange(payload, 0, 0xFFFFFF));
        byte[] second = packet(1, Arrays.copyOfRange(payload, 0xFFFFFF, payload.length));
        channel.writeInbound(buf(first));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(buf(second));
        ComQuery query = channel.readInbound();
        assertThat(query.sql()).hasSize(0xFFFFFF + 10);
        assertThat(query.raw().readableBytes()).isEqualTo(first.length + second.length);
        query.release();
        assertThat(big.clientCapabilities()).isZero();
    }

    @Test
    void truncatedPacketsWaitAndLeakNothing() {
        decoder.expectCommands();
        byte[] packet = packet(0, bytes(3, "SELECT 1"));
        assertThat(feed(Unpooled.wrappedBuffer(Arrays.copyOf(packet, 6)))).isEmpty();
        assertThat(feed(Unpooled.wrappedBuffer(new byte[] {(byte) packet[6]}))).isEmpty();
    }

    @Test
    void byteAtATimeDeliveryGivesTheSameMessages() {
        byte[] stream = bytes(packet(1, handshakePayload(CLIENT_CAPS, "u", new byte[] {9, 9}, "d")));
        List<Object> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(feed(Unpooled.wrappedBuffer(new byte[] {b})));
        }
        assertThat(out).singleElement().isInstanceOf(HandshakeResponse.class);
        release(out);
        decoder.expectCommands();
        byte[] commands = bytes(packet(0, bytes(3, "SELECT 1")), packet(0, bytes(0x0e)), packet(0, bytes(0x01)));
        out.clear();
        for (byte b : commands) {
            out.addAll(feed(Unpooled.wrappedBuffer(new byte[] {b})));
        }
        assertThat(out).hasSize(3);
        assertThat(((ComQuery) out.get(0)).sql()).isEqualTo("SELECT 1");
        assertThat(((Command) out.get(1)).type()).isEqualTo(CommandType.PING);
        assertThat(((Command) out.get(2)).type()).isEqualTo(CommandType.QUIT);
        release(out);
    }

    @Test
    void everyCommandIsDecoded() {
        release(feed(buf(packet(1, handshakePayload(CLIENT_CAPS, "u", new byte[0], "d"))))); // COM_CHANGE_USER reads by its capabilities
        decoder.expectCommands();
        byte[] changeUser = bytes(0x11, "other", 0, 3, new byte[] {1, 2, 3}, "db2", 0, int2(45), "mysql_native_password", 0);
        List<Object> out = feed(buf(
                packet(0, bytes(0x02, "appdb")),
                packet(0, bytes(0x16, "SELECT ? FROM t")),
                packet(0, bytes(0x17, int4(7), 1, int4(1), 0, 1, int2(3), int4(42))),
                packet(0, bytes(0x1c, int4(7), int4(100))),
                packet(0, bytes(0x18, int4(7), int2(0), "chunk")),
                packet(0, bytes(0x1a, int4(7))),
                packet(0, bytes(0x19, int4(7))),
                packet(0, bytes(0x0c, int4(1234))),
                packet(0, bytes(0x1b, int2(1))),
                packet(0, bytes(0x1f)),
                packet(0, changeUser),
                packet(0, bytes(0x99, "whatever"))));
        assertThat(out).hasSize(12);
        assertThat(((ComInitDb) out.get(0)).database()).isEqualTo("appdb");
        assertThat(((ComStmtPrepare) out.get(1)).sql()).isEqualTo("SELECT ? FROM t");
        ComStmtExecute execute = (ComStmtExecute) out.get(2);
        assertThat(execute.statementId()).isEqualTo(7);
        assertThat(execute.opensCursor()).isTrue();
        assertThat(execute.parameterBlock().readableBytes()).isEqualTo(8);
        assertThat(((ComStmtFetch) out.get(3)).rows()).isEqualTo(100);
        assertThat(((ComStmtSendLongData) out.get(4)).dataLength()).isEqualTo(5);
        assertThat(((ComStmtClose) out.get(5)).type()).isEqualTo(CommandType.STMT_RESET);
        assertThat(((ComStmtClose) out.get(6)).type()).isEqualTo(CommandType.STMT_CLOSE);
        assertThat(((ComProcessKill) out.get(7)).connectionId()).isEqualTo(1234);
        assertThat(((ComSetOption) out.get(8)).option()).isEqualTo(1);
        assertThat(((Command) out.get(9)).type()).isEqualTo(CommandType.RESET_CONNECTION);
        ComChangeUser change = (ComChangeUser) out.get(10);
        assertThat(change.user()).isEqualTo("other");
        assertThat(change.database()).isEqualTo("db2");
        assertThat(change.authPlugin()).isEqualTo("mysql_native_password");
        assertThat(change.toString()).doesNotContain("[1, 2, 3]");
        Command unknown = (Command) out.get(11);
        assertThat(unknown.type()).isNull();
        assertThat(unknown.code()).isEqualTo(0x99);
        assertThat(ByteBufUtil.getBytes(unknown.raw())).isEqualTo(packet(0, bytes(0x99, "whatever")));
        release(out);
    }

    @Test
    void aTruncatedCommandBodyIsMalformed() {
        decoder.expectCommands();
        List<Object> out = feed(buf(packet(0, bytes(0x17, 1, 2))));
        assertThat(((MySqlProtocolViolation) out.get(0)).errorCode()).isEqualTo(MySqlProtocolViolation.MALFORMED_PACKET);
    }

    @Test
    void authResponsesAreSecretsAndMustWaitForTheServer() {
        release(feed(buf(packet(1, handshakePayload(CLIENT_CAPS, "u", new byte[0], "d")))));
        List<Object> early = feed(buf(packet(2, bytes("too early"))));
        assertThat(((MySqlProtocolViolation) early.get(0)).message()).contains("before the server answered");
        channel.finishAndReleaseAll();
        channel = null;
        MySqlFrontendDecoder auth = new MySqlFrontendDecoder();
        auth.expectAuthResponse(2);
        channel = new EmbeddedChannel(auth);
        channel.writeInbound(buf(packet(3, bytes("ght_token-value", 0))));
        AuthResponse response = channel.readInbound();
        assertThat(new String(response.withoutTrailingNul(), StandardCharsets.UTF_8)).isEqualTo("ght_token-value");
        assertThat(response.toString()).doesNotContain("token");
        response.release();
    }

    @Test
    void localInfileDataEndsWithAnEmptyPacket() {
        decoder.expectLocalInfile(1);
        List<Object> out = feed(buf(packet(2, bytes("1,a\n2,b\n")), packet(3, new byte[0])));
        assertThat(out).hasSize(2);
        assertThat(((LocalInfileData) out.get(0)).last()).isFalse();
        assertThat(((LocalInfileData) out.get(0)).data().toString(StandardCharsets.UTF_8)).isEqualTo("1,a\n2,b\n");
        assertThat(((LocalInfileData) out.get(1)).last()).isTrue();
        release(out);
    }
}
