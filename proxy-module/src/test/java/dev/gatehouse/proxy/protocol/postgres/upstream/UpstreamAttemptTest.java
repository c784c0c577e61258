package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way an attempt ends runs the clean-up (the secret wipe) exactly once. */
class UpstreamAttemptTest {

    private static final Connection TARGET = new Connection("scripted", ConnectionType.POSTGRES, "::1", 5432,
            "appdb", "svc_app", TlsMode.DISABLE, null, null, false);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger cleanups = new AtomicInteger();
    private final UpstreamAttempt<String> attempt = new UpstreamAttempt<>(channel.eventLoop(), TARGET,
            Duration.ofSeconds(3), "the test", cleanups::incrementAndGet);

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void successCleansUpAndLeavesTheChannelOpen() {
        attempt.attach(channel);
        assertThat(attempt.succeed("link")).isTrue();
        assertThat(attempt.result()).isCompletedWithValue("link");
        assertThat(cleanups).hasValue(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void failureCleansUpOnceAndClosesTheChannel() {
        attempt.attach(channel);
        attempt.fail(new UpstreamUnavailableException("first"));
        attempt.fail(new UpstreamUnavailableException("second"));
        assertThat(cleanups).hasValue(1);
        assertThat(channel.isOpen()).isFalse();
        assertThat(attempt.result()).isCompletedExceptionally();
        assertThat(attempt.succeed("too late")).isFalse();
        assertThat(cleanups).hasValue(1);
    }

    @Test
    void deadlineFailsTheAttempt() {
        attempt.attach(channel);
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(attempt.result()).isCompletedExceptionally();
        try {
            attempt.result().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(UpstreamUnavailableException.class)
                    .hasMessage("[::1]:5432 did not complete the test within 3 s");
        }
        assertThat(cleanups).hasValue(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void cancellingTheFutureCleansUpAndClosesTheChannel() {
        attempt.attach(channel);
        attempt.result().cancel(false);
        channel.runPendingTasks();
        assertThat(cleanups).hasValue(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aChannelArrivingAfterTheEndIsClosed() {
        attempt.fail(new UpstreamUnavailableException("gave up"));
        attempt.attach(channel);
        assertThat(channel.isOpen()).isFalse();
    }
}
