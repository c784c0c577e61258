package dev.gatehouse.proxy.protocol.mysql.codec;

import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.buf;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.bytes;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.column;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.int2;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.int4;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.lenencString;
import static dev.gatehouse.proxy.protocol.mysql.codec.Packets.packet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder.Answer;
import dev.gatehouse.proxy.protocol.mysql.message.AuthMoreData;
import dev.gatehouse.proxy.protocol.mysql.message.AuthSwitchRequest;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.ColumnCount;
import dev.gatehouse.proxy.protocol.mysql.message.ColumnDefinition;
import dev.gatehouse.proxy.protocol.mysql.message.EofPacket;
import dev.gatehouse.proxy.protocol.mysql.message.ErrPacket;
import dev.gatehouse.proxy.protocol.mysql.message.LocalInfileRequest;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlMessage;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.OkPacket;
import dev.gatehouse.proxy.protocol.mysql.message.PrepareOk;
import dev.gatehouse.proxy.protocol.mysql.message.ResultRow;
import dev.gatehouse.proxy.protocol.mysql.message.ServerGreeting;
import dev.gatehouse.proxy.protocol.mysql.message.UnknownServerPacket;
import dev.gatehouse.proxy.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server → gateway packets in each answer's grammar, hostile ones included; reference counts checked. */
class MySqlBackendDecoderTest {

    private final MySqlBackendDecoder decoder = new MySqlBackendDecoder(1024 * 1024);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    private List<Object> feed(ByteBuf... buffers) {
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
        messages.stream().filter(MySqlMessage.class::isInstance).forEach(m -> ((MySqlMessage) m).release());
    }

    private static List<Class<?>> types(List<Object> out) {
        return out.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void theGatewaysOwnGreetingReadsBack() {
        byte[] scramble = new byte[20];
        for (int i = 0; i < 20; i++) {
            scramble[i] = (byte) (i + 1);
        }
        long caps = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH | Capabilities.SSL
                | Capabilities.DEPRECATE_EOF | Capabilities.MARIADB_STMT_BULK_OPERATIONS;
        decoder.expect(Answer.GREETING, 0);
        List<Object> out = feed(MySqlPackets.greeting(ByteBufAllocator.DEFAULT, "10.11.19-MariaDB-Gatehouse", 77, scramble, caps, 45, 2,
                "mysql_clear_password"));
        ServerGreeting greeting = (ServerGreeting) out.get(0);
        assertThat(greeting.serverVersion()).isEqualTo("10.11.19-MariaDB-Gatehouse");
        assertThat(greeting.connectionId()).isEqualTo(77);
        assertThat(greeting.scramble()).isEqualTo(scramble);
        assertThat(greeting.capabilities()).isEqualTo(caps);
        assertThat(greeting.authPlugin()).isEqualTo("mysql_clear_password");
        assertThat(greeting.mariaDb()).isTrue();
        release(out);
    }

    @Test
    void aTextResultSetWithEofPackets() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        List<Object> out = feed(buf(packet(1, bytes(2)), packet(2, column("id", 3)), packet(3, column("name", 253)),
                packet(4, bytes(0xFE, int2(0), int2(2))), packet(5, bytes(lenencString("1"), lenencString("ann"))),
                packet(6, bytes(0xFB, lenencString("bob"))), packet(7, bytes(0xFE, int2(0), int2(2)))));
        assertThat(types(out)).containsExactly(ColumnCount.class, ColumnDefinition.class, ColumnDefinition.class, EofPacket.class,
                ResultRow.class, ResultRow.class, EofPacket.class);
        ColumnDefinition name = (ColumnDefinition) out.get(2);
        assertThat(name.name()).isEqualTo("name");
        assertThat(name.originalTable()).isEqualTo("t");
        assertThat(name.type()).isEqualTo(253);
        assertThat(((ResultRow) out.get(5)).binary()).isFalse();
        assertThat(decoder.awaitingAnswers()).isFalse();
        release(out);
    }

    @Test
    void deprecateEofEndsWithAnOkAndMultipleResultsFollowOneAnother() {
        decoder.capabilities(Capabilities.PROTOCOL_41 | Capabilities.DEPRECATE_EOF | Capabilities.SESSION_TRACK);
        decoder.expect(Answer.TEXT_RESULT, 1);
        decoder.expect(Answer.OK, 1);
        List<Object> out = feed(buf(packet(1, bytes(1)), packet(2, column("a", 3)), packet(3, bytes(lenencString("1"))),
                packet(4, bytes(0xFE, 0, 0, int2(0x000A), int2(0))),          // OK with 0xFE header, more results
                packet(5, bytes(0x00, 1, 0, int2(0x0002), int2(0))),          // the DELETE's OK
                packet(1, bytes(0x00, 0, 0, int2(0x0002), int2(0)))));         // the next command's OK
        assertThat(types(out)).containsExactly(ColumnCount.class, ColumnDefinition.class, ResultRow.class, OkPacket.class,
                OkPacket.class, OkPacket.class);
        assertThat(((OkPacket) out.get(3)).eofHeader()).isTrue();
        assertThat(((OkPacket) out.get(3)).moreResults()).isTrue();
        assertThat(((OkPacket) out.get(4)).affectedRows()).isEqualTo(1);
        release(out);
    }

    @Test
    void anErrorInTheMiddleOfRowsEndsTheAnswer() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        List<Object> out = feed(buf(packet(1, bytes(1)), packet(2, column("a", 3)), packet(3, bytes(0xFE, int2(0), int2(2))),
                packet(4, bytes(lenencString("1"))), packet(5, bytes(0xFF, int2(1317), "#70100", "Query execution was interrupted"))));
        ErrPacket err = (ErrPacket) out.get(out.size() - 1);
        assertThat(err.code()).isEqualTo(1317);
        assertThat(err.sqlState()).isEqualTo("70100");
        assertThat(decoder.awaitingAnswers()).isFalse();
        release(out);
    }

    @Test
    void binaryRowsStartWithZeroAndAreNotOks() {
        decoder.capabilities(Capabilities.PROTOCOL_41);
        decoder.expect(Answer.BINARY_RESULT, 1);
        List<Object> out = feed(buf(packet(1, bytes(1)), packet(2, column("a", 3)), packet(3, bytes(0xFE, int2(0), int2(2))),
                packet(4, bytes(0x00, 0x00, int4(42))), packet(5, bytes(0xFE, int2(0), int2(2)))));
        assertThat(types(out)).containsExactly(ColumnCount.class, ColumnDefinition.class, EofPacket.class, ResultRow.class, EofPacket.class);
        assertThat(((ResultRow) out.get(3)).binary()).isTrue();
        assertThat(((ResultRow) out.get(3)).payload().readableBytes()).isEqualTo(6);
        release(out);
    }

    @Test
    void prepareOkWithParametersAndColumns() {
        decoder.expect(Answer.PREPARE, 1);
        List<Object> out = feed(buf(packet(1, bytes(0x00, int4(9), int2(1), int2(2), 0, int2(0))),
                packet(2, column("?", 253)), packet(3, column("?", 253)), packet(4, bytes(0xFE, int2(0), int2(2))),
                packet(5, column("a", 3)), packet(6, bytes(0xFE, int2(0), int2(2)))));
        assertThat(types(out)).containsExactly(PrepareOk.class, ColumnDefinition.class, ColumnDefinition.class, EofPacket.class,
                ColumnDefinition.class, EofPacket.class);
        PrepareOk ok = (PrepareOk) out.get(0);
        assertThat(ok.statementId()).isEqualTo(9);
        assertThat(ok.parameters()).isEqualTo(2);
        assertThat(decoder.awaitingAnswers()).isFalse();
        release(out);
    }

    @Test
    void prepareWithoutEofAndWithNothingToDescribe() {
        decoder.capabilities(Capabilities.DEPRECATE_EOF);
        decoder.expect(Answer.PREPARE, 1);
        decoder.expect(Answer.PREPARE, 1);
        List<Object> out = feed(buf(packet(1, bytes(0x00, int4(1), int2(1), int2(0), 0, int2(0))), packet(2, column("a", 3)),
                packet(1, bytes(0x00, int4(2), int2(0), int2(0), 0, int2(0)))));
        assertThat(types(out)).containsExactly(PrepareOk.class, ColumnDefinition.class, PrepareOk.class);
        assertThat(decoder.awaitingAnswers()).isFalse();
        release(out);
    }

    @Test
    void fetchReturnsRowsThenTheEof() {
        decoder.expect(Answer.FETCH, 1);
        List<Object> out = feed(buf(packet(1, bytes(0x00, 0x00, int4(1))), packet(2, bytes(0xFE, int2(0), int2(0x0040)))));
        assertThat(types(out)).containsExactly(ResultRow.class, EofPacket.class);
        release(out);
    }

    @Test
    void localInfileRequestThenTheOkAfterTheFile() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        List<Object> out = feed(buf(packet(1, bytes(0xFB, "/etc/passwd"))));
        assertThat(((LocalInfileRequest) out.get(0)).fileName()).isEqualTo("/etc/passwd");
        release(out);
        decoder.localInfileSent(4); // the client sent packets 2 and 3
        out = feed(buf(packet(4, bytes(0x00, 2, 0, int2(2), int2(0)))));
        assertThat(((OkPacket) out.get(0)).affectedRows()).isEqualTo(2);
        release(out);
    }

    @Test
    void sessionTrackingReportsSystemVariables() {
        decoder.capabilities(Capabilities.PROTOCOL_41 | Capabilities.SESSION_TRACK);
        decoder.expect(Answer.OK, 1);
        byte[] variable = bytes(lenencString("character_set_client"), lenencString("gbk"));
        byte[] state = bytes(0, variable.length, variable);
        List<Object> out = feed(buf(packet(1, bytes(0x00, 0, 0, int2(0x4002), int2(0), 0, state.length, state))));
        assertThat(((OkPacket) out.get(0)).systemVariableChanges()).containsEntry("character_set_client", "gbk");
        release(out);
    }

    @Test
    void theLoginExchange() {
        decoder.expect(Answer.AUTH, 2);
        List<Object> out = feed(buf(packet(2, bytes(0xFE, "client_ed25519", 0, new byte[32]))));
        AuthSwitchRequest request = (AuthSwitchRequest) out.get(0);
        assertThat(request.plugin()).isEqualTo("client_ed25519");
        assertThat(request.data()).hasSize(32);
        release(out);
        decoder.expect(Answer.AUTH, 4);
        decoder.expect(Answer.AUTH, 6);
        out = feed(buf(packet(4, bytes(0x01, 4)), packet(6, bytes(0xFF, int2(1045), "#28000", "Access denied"))));
        assertThat(((AuthMoreData) out.get(0)).data()).containsExactly(4);
        assertThat(((ErrPacket) out.get(1)).code()).isEqualTo(1045);
        release(out);
    }

    @Test
    void anUnsolicitedErrorIsReadAndAnythingElseKept() {
        List<Object> out = feed(buf(packet(0, bytes(0xFF, int2(1927), "#70100", "Connection was killed")), packet(0, bytes(1, 2, 3))));
        assertThat(((ErrPacket) out.get(0)).code()).isEqualTo(1927);
        assertThat(ByteBufUtil.getBytes(((UnknownServerPacket) out.get(1)).raw())).isEqualTo(packet(0, bytes(1, 2, 3)));
        release(out);
    }

    @Test
    void aWrongSequenceIdInsideAnAnswerIsAViolation() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        List<Object> out = feed(buf(packet(1, bytes(1)), packet(3, column("a", 3))));
        assertThat(((MySqlProtocolViolation) out.get(out.size() - 1)).errorCode()).isEqualTo(MySqlProtocolViolation.PACKETS_OUT_OF_ORDER);
        release(out);
    }

    @Test
    void oversizedAndMalformedPackets() {
        decoder.expect(Answer.OK, 1);
        List<Object> out = feed(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}));
        assertThat(((MySqlProtocolViolation) out.get(0)).errorCode()).isEqualTo(MySqlProtocolViolation.PACKET_TOO_LARGE);
        MySqlBackendDecoder other = new MySqlBackendDecoder();
        EmbeddedChannel second = new EmbeddedChannel(other);
        other.expect(Answer.TEXT_RESULT, 1);
        second.writeInbound(buf(packet(1, bytes(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)))); // a negative column count
        MySqlProtocolViolation violation = second.readInbound();
        assertThat(violation.errorCode()).isEqualTo(MySqlProtocolViolation.MALFORMED_PACKET);
        second.finishAndReleaseAll();
    }

    @Test
    void truncatedPacketsWaitAndAreReleasedWithTheChannel() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        byte[] packet = packet(1, bytes(1));
        assertThat(feed(Unpooled.wrappedBuffer(new byte[] {packet[0], packet[1]}))).isEmpty(); // half a header
        assertThat(feed(Unpooled.wrappedBuffer(new byte[] {packet[2], packet[3]}))).isEmpty(); // a header, no body
        List<Object> out = feed(Unpooled.wrappedBuffer(new byte[] {packet[4]}));
        assertThat(((ColumnCount) out.get(0)).count()).isEqualTo(1);
        release(out);
        assertThat(feed(Unpooled.wrappedBuffer(Packets.packet(2, column("a", 3)), 0, 10))).isEmpty(); // a definition cut short
    }

    @Test
    void byteAtATime() {
        decoder.expect(Answer.TEXT_RESULT, 1);
        byte[] stream = bytes(packet(1, bytes(1)), packet(2, column("a", 3)), packet(3, bytes(0xFE, int2(0), int2(2))),
                packet(4, bytes(lenencString("x"))), packet(5, bytes(0xFE, int2(0), int2(2))));
        List<Object> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(feed(Unpooled.wrappedBuffer(new byte[] {b})));
        }
        assertThat(types(out)).containsExactly(ColumnCount.class, ColumnDefinition.class, EofPacket.class, ResultRow.class, EofPacket.class);
        release(out);
    }

    @Test
    void encodersWriteWhatTheDecodersRead() {
        decoder.capabilities(Capabilities.PROTOCOL_41);
        decoder.expect(Answer.OK, 1);
        decoder.expect(Answer.OK, 1);
        List<Object> out = feed(MySqlPackets.ok(ByteBufAllocator.DEFAULT, 1, 3, 9, 2, 1),
                MySqlPackets.err(ByteBufAllocator.DEFAULT, 1, 1142, "42000", "blocked by guardrail \"no-drop\""));
        OkPacket ok = (OkPacket) out.get(0);
        assertThat(ok.affectedRows()).isEqualTo(3);
        assertThat(ok.lastInsertId()).isEqualTo(9);
        ErrPacket err = (ErrPacket) out.get(1);
        assertThat(err.code()).isEqualTo(1142);
        assertThat(err.message()).isEqualTo("blocked by guardrail \"no-drop\"");
        release(out);
    }
}
