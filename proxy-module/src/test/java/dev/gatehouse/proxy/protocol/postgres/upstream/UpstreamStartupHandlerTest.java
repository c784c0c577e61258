package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.StoreIdentity;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresBackendDecoder;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The startup phase against a scripted server on an EmbeddedChannel: no sockets, exact bytes. */
class UpstreamStartupHandlerTest {

    private static final Connection TARGET = new Connection("scripted", ConnectionType.POSTGRES, "db.example", 5432,
            "appdb", "svc_app", TlsMode.DISABLE, null, null, false);
    private static final String PASSWORD = "Scripted-Secret-1";

    /** The scripted server answers from a loopback address, as the machine's own targets do. */
    private final EmbeddedChannel channel = new EmbeddedChannel() {
        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432);
        }
    };
    /** Copies of what the handler wrote, taken before the handler wipes its secret-bearing buffers. */
    private final List<byte[]> written = new ArrayList<>();
    private CompletableFuture<UpstreamLink> result;

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    @AfterEach
    void releaseEverything() {
        if (result != null && result.isDone() && !result.isCompletedExceptionally()) {
            result.join().pendingMessages().forEach(ReferenceCountUtil::release);
        }
        channel.finishAndReleaseAll();
    }

    private void start(char[] secret) {
        start(secret, StoreIdentity.NONE, true);
    }

    private void start(char[] secret, StoreIdentity store, boolean plainPasswordsToLoopback) {
        UpstreamAttempt<UpstreamLink> attempt = new UpstreamAttempt<>(channel.eventLoop(), TARGET,
                Duration.ofSeconds(30), "the scripted handshake", () -> { });
        attempt.attach(channel);
        result = attempt.result();
        channel.config().setAutoRead(false);
        channel.pipeline().addLast("tap", new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                written.add(ByteBufUtil.getBytes((ByteBuf) msg));
                ctx.write(msg, promise);
            }
        });
        channel.pipeline().addLast(PostgresUpstreamConnector.DECODER, new PostgresBackendDecoder());
        channel.pipeline().addLast("startup", new UpstreamStartupHandler(attempt,
                StartupParameters.forUpstream(TARGET.username(), TARGET.database(), Map.of()),
                new UpstreamAuthenticator(TARGET.username(), secret, attempt.address()), false, store, plainPasswordsToLoopback));
    }

    private UpstreamException failure() {
        assertThat(result).isCompletedExceptionally();
        try {
            result.join();
        } catch (CompletionException e) {
            return (UpstreamException) e.getCause();
        }
        throw new AssertionError("not failed");
    }

    @Test
    void handsOverWithLaterMessagesPendingAndOnlyTheDecoderLeft() {
        start(new char[0]);
        assertThat(written).hasSize(1);
        ByteBuf afterReady = ServerScript.readyForQuery();
        ByteBuf firstHalf = afterReady.readRetainedSlice(3);
        channel.writeInbound(ServerScript.concat(
                ServerScript.authenticationOk(),
                ServerScript.parameterStatus("server_version", "14.22"),
                ServerScript.parameterStatus("TimeZone", "UTC"),
                ServerScript.backendKeyData(7, 99),
                ServerScript.readyForQuery(),
                ServerScript.notice("sent right after ReadyForQuery"),
                firstHalf));

        UpstreamLink link = result.join();
        assertThat(link.parameterStatus()).containsExactly(
                Map.entry("server_version", "14.22"), Map.entry("TimeZone", "UTC"));
        assertThat(link.processId()).isEqualTo(7);
        assertThat(link.secretKey()).isEqualTo(99);
        assertThat(link.pendingMessages()).singleElement().isInstanceOf(NoticeResponse.class);
        assertThat(channel.pipeline().get("startup")).isNull();
        assertThat(channel.pipeline().get(PostgresUpstreamConnector.DECODER)).isNotNull();
        assertThat(channel.config().isAutoRead()).isFalse();

        // The half message stayed in the decoder: once the rest arrives it reaches the new owner.
        channel.writeInbound(afterReady);
        Object completed = channel.readInbound();
        assertThat(completed).isInstanceOfSatisfying(ReadyForQuery.class,
                ready -> assertThat(ready.status()).isEqualTo('I'));
        ReferenceCountUtil.release(completed);
    }

    @Test
    void serverErrorFailsWithItsSqlStateAndClosesTheChannel() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.error("28P01", "password authentication failed for user \"svc_app\""));
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOf(UpstreamRefusedException.class);
        assertThat(failure.sqlState()).isEqualTo("28P01");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void cleartextAnswerIsWipedOnceWritten() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.authentication(3, new byte[0]));
        assertThat(new String(written.get(1), StandardCharsets.UTF_8)).contains(PASSWORD);
        ByteBuf startup = channel.readOutbound();
        startup.release();
        ByteBuf sent = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(sent, 0, sent.capacity())).containsOnly((byte) 0);
        sent.release();
    }

    @Test
    void successInTheMiddleOfScramIsRefused() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.saslMechanisms("SCRAM-SHA-256"));
        channel.writeInbound(ServerScript.authenticationOk());
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOf(UpstreamHandshakeException.class).hasMessageContaining("never proved");
        assertThat(failure.sqlState()).isEqualTo("28000");
    }

    @Test
    void forgedScramServerSignatureIsRefused() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.saslMechanisms("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"));
        ByteBuf initial = Unpooled.wrappedBuffer(written.get(1)).skipBytes(5);
        String mechanism = initial.readCharSequence(initial.bytesBefore((byte) 0), StandardCharsets.UTF_8).toString();
        initial.skipBytes(1);
        String clientFirst = initial.readCharSequence(initial.readInt(), StandardCharsets.UTF_8).toString();
        assertThat(mechanism).isEqualTo("SCRAM-SHA-256");
        assertThat(clientFirst).as("no channel binding").startsWith("n,,");
        String clientNonce = clientFirst.substring(clientFirst.indexOf("r=") + 2);

        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        channel.writeInbound(ServerScript.saslContinue("r=" + clientNonce + "server-part,s=" + salt + ",i=4096"));
        assertThat(new String(written.get(2), 5, written.get(2).length - 5, StandardCharsets.UTF_8))
                .startsWith("c=biws,r=" + clientNonce + "server-part,p=");
        assertThat(result).isNotDone();

        channel.writeInbound(ServerScript.saslFinal("v=" + Base64.getEncoder().encodeToString(new byte[32])));
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOf(UpstreamHandshakeException.class).hasMessageContaining("does not verify");
        assertThat(failure.sqlState()).isEqualTo("28000");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void readyBeforeAuthenticationIsAViolation() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.readyForQuery());
        assertThat(failure().sqlState()).isEqualTo(UpstreamHandshakeException.PROTOCOL_VIOLATION);
    }

    @Test
    void gssapiIsNotSpoken() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.authentication(7, new byte[0]));
        UpstreamException failure = failure();
        assertThat(failure).hasMessageContaining("GSSAPI");
        assertThat(failure.sqlState()).isEqualTo(UpstreamHandshakeException.FEATURE_NOT_SUPPORTED);
    }

    @Test
    void passwordRequestWithoutAStoredSecretFailsClearly() {
        start(new char[0]);
        channel.writeInbound(ServerScript.authentication(5, new byte[] {1, 2, 3, 4}));
        assertThat(failure()).hasMessageContaining("none is stored");
    }

    /** The late message is released by the handler; {@link #noBufferLeaked()} would notice otherwise. */
    @Test
    void messagesAfterAFailureAreDropped() {
        start(PASSWORD.toCharArray());
        channel.writeInbound(ServerScript.concat(ServerScript.error("53300", "too many connections"),
                ServerScript.parameterStatus("late", "value")));
        assertThat(failure().sqlState()).isEqualTo("53300");
        assertThat((Object) channel.readInbound()).isNull();
    }

    // ---- issue 17: secrets stay sealed, the store is never a target ----

    @Test
    void cleartextPasswordOverAPlainHopIsRefusedWithoutSendingIt() {
        start(PASSWORD.toCharArray(), StoreIdentity.NONE, false);
        channel.writeInbound(ServerScript.authentication(3, new byte[0]));
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOfSatisfying(UpstreamForbiddenException.class,
                forbidden -> assertThat(forbidden.reason()).isEqualTo(UpstreamForbiddenException.PLAIN_PASSWORD));
        assertThat(failure).hasMessageContaining("only over TLS").hasMessageNotContaining(PASSWORD);
        assertThat(written).as("only the StartupMessage left the gateway").hasSize(1);
        assertThat(new String(written.get(0), StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void md5PasswordOverAPlainHopIsRefusedWithoutAnsweringTheSalt() {
        start(PASSWORD.toCharArray(), StoreIdentity.NONE, false);
        channel.writeInbound(ServerScript.authentication(5, new byte[] {1, 2, 3, 4}));
        assertThat(failure()).isInstanceOf(UpstreamForbiddenException.class).hasMessageContaining("md5");
        assertThat(written).hasSize(1);
    }

    @Test
    void scramStillWorksOverAPlainHop() {
        start(PASSWORD.toCharArray(), StoreIdentity.NONE, false);
        channel.writeInbound(ServerScript.saslMechanisms("SCRAM-SHA-256"));
        assertThat(result).isNotDone();
        assertThat(written).hasSize(2);
    }

    @Test
    void theStoreIsRefusedAfterLoginByItsSystemIdentifier() {
        start(new char[0], (id, db) -> id.equals("7716771742492788883") && db.equals("gatehouse"), true);
        channel.writeInbound(ServerScript.concat(ServerScript.authenticationOk(), ServerScript.readyForQuery()));
        assertThat(new String(written.get(1), StandardCharsets.UTF_8)).contains(StoreProbe.SQL);
        assertThat(result).isNotDone();
        channel.writeInbound(ServerScript.concat(dataRow("7716771742492788883", "gatehouse"), commandComplete("SELECT 1"),
                ServerScript.readyForQuery()));
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOfSatisfying(UpstreamForbiddenException.class,
                forbidden -> assertThat(forbidden.reason()).isEqualTo(UpstreamForbiddenException.STORE_TARGET));
        assertThat(failure).hasMessageContaining("Gatehouse's own store").hasMessageContaining("scripted");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anotherDatabaseIsHandedOverOnceTheProbeIsAnswered() {
        start(new char[0], (id, db) -> id.equals("7716771742492788883") && db.equals("gatehouse"), true);
        channel.writeInbound(ServerScript.concat(ServerScript.authenticationOk(),
                ServerScript.parameterStatus("server_version", "15.10"), ServerScript.readyForQuery()));
        channel.writeInbound(ServerScript.concat(dataRow("7716771742492788883", "appdb"), commandComplete("SELECT 1"),
                ServerScript.readyForQuery()));
        UpstreamLink link = result.join();
        assertThat(link.parameterStatus()).containsEntry("server_version", "15.10");
        assertThat(link.pendingMessages()).isEmpty();
        assertThat(channel.pipeline().get("startup")).isNull();
    }

    @Test
    void aTargetThatWillNotSayWhichClusterItIsIsRefused() {
        start(new char[0], (id, db) -> false, true);
        channel.writeInbound(ServerScript.concat(ServerScript.authenticationOk(), ServerScript.readyForQuery()));
        channel.writeInbound(ServerScript.concat(ServerScript.error("42501", "permission denied for function pg_control_system"),
                ServerScript.readyForQuery()));
        assertThat(failure()).isInstanceOf(UpstreamForbiddenException.class).hasMessageContaining("42501")
                .hasMessageContaining("cannot tell it apart");
    }

    private static ByteBuf dataRow(String... values) {
        return ServerScript.frame('D', buf -> {
            buf.writeShort(values.length);
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                buf.writeInt(bytes.length).writeBytes(bytes);
            }
        });
    }

    private static ByteBuf commandComplete(String tag) {
        return ServerScript.frame('C', buf -> buf.writeBytes(tag.getBytes(StandardCharsets.UTF_8)).writeByte(0));
    }
}
