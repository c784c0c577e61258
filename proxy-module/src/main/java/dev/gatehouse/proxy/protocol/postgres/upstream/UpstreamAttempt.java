package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One dial to a target, from the call to its outcome: owns the result future, the overall time
 * limit and the channel. Every way it ends (success, failure, time-out, the caller cancelling the
 * future) runs the same clean-up once, and every failure closes the channel, so handlers only
 * report what happened.
 *
 * <p>Channel and clean-up state are confined to the event loop; {@link #fail} may be called from
 * any thread and hops onto the loop.
 */
final class UpstreamAttempt<T> {

    private final EventLoop loop;
    private final Connection target;
    private final Runnable cleanup;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ScheduledFuture<?> deadline;
    private Channel channel;
    private boolean finished;

    /**
     * @param purpose what must finish within {@code limit}, for the time-out message
     * @param cleanup runs once on the loop when the attempt ends, e.g. to wipe a secret copy
     */
    UpstreamAttempt(EventLoop loop, Connection target, Duration limit, String purpose, Runnable cleanup) {
        this.loop = loop;
        this.target = target;
        this.cleanup = cleanup;
        this.deadline = loop.schedule(() -> fail(new UpstreamUnavailableException(
                address() + " did not complete " + purpose + " within " + readable(limit))),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                loop.execute(this::abandon);
            }
        });
    }

    CompletableFuture<T> result() {
        return result;
    }

    Connection target() {
        return target;
    }

    /** host:port as written in messages; IPv6 literals in brackets. */
    String address() {
        String host = target.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + target.port();
    }

    boolean isDone() {
        return result.isDone();
    }

    /** Called on the loop once the channel exists; a channel that arrives after the end is closed. */
    void attach(Channel newChannel) {
        channel = newChannel;
        if (finished || result.isDone()) {
            newChannel.close();
        }
    }

    /** Completes the attempt; false if it had already ended (then the caller must dispose of the value). */
    boolean succeed(T value) {
        finish();
        return result.complete(value);
    }

    void fail(UpstreamException failure) {
        if (!loop.inEventLoop()) {
            try {
                loop.execute(() -> fail(failure));
            } catch (RejectedExecutionException e) {
                // The loop is shutting down and takes the channel with it; the caller must still hear,
                // and the secret must still be wiped.
                finish();
                result.completeExceptionally(failure);
            }
            return;
        }
        if (result.isDone()) {
            return;
        }
        abandon();
        result.completeExceptionally(failure);
    }

    /** A transport-level failure: the reason is taken from the exception, which never holds the secret. */
    void failUnavailable(String whatFailed, Throwable cause) {
        fail(new UpstreamUnavailableException(whatFailed + " " + address() + " failed: " + reason(cause), cause));
    }

    private void abandon() {
        finish();
        if (channel != null) {
            channel.close();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        deadline.cancel(false);
        cleanup.run();
    }

    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS error: " + t.getMessage();
            }
        }
        if (cause instanceof ConnectTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = cause.getMessage();
        if (cause instanceof ConnectException && message != null && message.indexOf(':') > 0) {
            // Netty appends the address ("Connection refused: /10.0.0.1:5432"); ours is already there.
            return message.substring(0, message.indexOf(':'));
        }
        return message != null ? message : cause.getClass().getSimpleName();
    }

    static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
