package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Opens the TCP connection to a target on a given event loop, with autoRead off: every read
 * during the handshake is asked for explicitly, so none happens behind the back of whoever takes
 * the channel over.
 */
final class UpstreamDialer {

    /**
     * The JDK's name lookup blocks, and Netty's default resolver would run it on the event loop; a
     * virtual thread per lookup keeps the loop free and costs no pool to manage.
     */
    private static final Executor LOOKUPS = task -> Thread.ofVirtual().name("gatehouse-upstream-lookup").start(task);

    private final UpstreamSettings settings;

    UpstreamDialer(UpstreamSettings settings) {
        this.settings = settings;
    }

    /**
     * Resolves the target's host, then connects on {@code loop}. {@code setUp} runs on the loop once
     * the channel is registered, before it is active, to build the pipeline. Failures end the attempt.
     */
    void dial(UpstreamAttempt<?> attempt, EventLoop loop, Consumer<Channel> setUp) {
        Connection target = attempt.target();
        CompletableFuture.supplyAsync(() -> lookUp(target.host()), LOOKUPS).whenComplete((address, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                attempt.failUnavailable("looking up", cause);
            } else if (!attempt.isDone()) {
                bootstrap(loop, attempt, setUp).connect(new InetSocketAddress(address, target.port()))
                        .addListener((ChannelFuture connected) -> {
                            if (!connected.isSuccess()) {
                                attempt.failUnavailable("connecting to", connected.cause());
                            }
                        });
            }
        });
    }

    private Bootstrap bootstrap(EventLoop loop, UpstreamAttempt<?> attempt, Consumer<Channel> setUp) {
        return new Bootstrap()
                .group(loop)
                .channel(settings.channelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                // libpq turns keepalives on by default: a vanished server is noticed even on an idle session.
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        attempt.attach(channel);
                        if (!attempt.isDone()) {
                            setUp.accept(channel);
                        }
                    }
                });
    }

    /** The first address only; unlike libpq, other addresses of a multi-homed name are not tried. */
    private static InetAddress lookUp(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }
}
