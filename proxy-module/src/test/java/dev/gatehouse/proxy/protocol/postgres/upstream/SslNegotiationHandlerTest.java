package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one-byte SSL answer on an EmbeddedChannel. */
class SslNegotiationHandlerTest {

    private static final UpstreamTls TLS = new UpstreamTls(Optional.empty());

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicReference<Boolean> proceeded = new AtomicReference<>();
    private CompletableFuture<Void> result;

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    private void start(TlsMode mode) {
        Connection target = new Connection("scripted", ConnectionType.POSTGRES, "db.example", 5432, "appdb",
                "svc_app", mode, null, null, false);
        UpstreamAttempt<Void> attempt = new UpstreamAttempt<>(channel.eventLoop(), target, Duration.ofSeconds(30),
                "the scripted negotiation", () -> { });
        attempt.attach(channel);
        result = attempt.result();
        channel.pipeline().addLast("negotiation", new SslNegotiationHandler(attempt, TLS, proceeded::set));
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
    void sslRequestGoesFirst() {
        start(TlsMode.REQUIRE);
        ByteBuf request = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(request)).isEqualTo("0000000804d2162f");
        request.release();
    }

    @Test
    void bytesAfterTheAnswerAreRefused() {
        start(TlsMode.REQUIRE);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S', 'E', 0, 0, 0, 4}));
        UpstreamException failure = failure();
        assertThat(failure).isInstanceOf(UpstreamHandshakeException.class).hasMessageContaining("exactly one");
        assertThat(proceeded.get()).isNull();
        assertThat(channel.pipeline().get(SslHandler.class)).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void yesStartsTlsAtTheHeadOfThePipeline() {
        start(TlsMode.REQUIRE);
        ByteBuf request = channel.readOutbound();
        request.release();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'S'}));
        assertThat(channel.pipeline().names().get(0)).isEqualTo(PostgresUpstreamConnector.TLS_HANDLER);
        assertThat(channel.pipeline().get("negotiation")).isNull();
        ByteBuf clientHello = channel.readOutbound();
        assertThat(clientHello.getByte(0)).as("TLS handshake record").isEqualTo((byte) 0x16);
        clientHello.release();
        assertThat(result).isNotDone();
    }

    @Test
    void noIsAcceptedOnlyForPrefer() {
        start(TlsMode.PREFER);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'N'}));
        assertThat(proceeded.get()).isFalse();
        assertThat(channel.pipeline().get("negotiation")).isNull();
        assertThat(result).isNotDone();
    }

    @Test
    void noFailsRequire() {
        start(TlsMode.REQUIRE);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'N'}));
        assertThat(failure()).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("db.example:5432 does not accept TLS");
        assertThat(proceeded.get()).isNull();
    }

    @Test
    void anErrorInsteadOfAnAnswerIsAViolation() {
        start(TlsMode.VERIFY_FULL);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'E'}));
        assertThat(failure().sqlState()).isEqualTo(UpstreamHandshakeException.PROTOCOL_VIOLATION);
    }
}
