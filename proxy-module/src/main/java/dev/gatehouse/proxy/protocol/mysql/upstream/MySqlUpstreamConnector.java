package dev.gatehouse.proxy.protocol.mysql.upstream;

import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder;
import dev.gatehouse.proxy.protocol.mysql.upstream.MySqlUpstreamException.Kind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Logs the gateway in to a MySQL or MariaDB target on a given event loop (the session's, so its
 * two channels never cross threads) and hands over the ready channel.
 */
public final class MySqlUpstreamConnector {

    /** The JDK's name lookup blocks: a virtual thread per lookup keeps the event loop free. */
    private static final Executor LOOKUPS = task -> Thread.ofVirtual().name("gatehouse-mysql-lookup").start(task);

    private final MySqlUpstreamTls tls;
    private final Duration connectTimeout;

    public MySqlUpstreamConnector(MySqlUpstreamTls tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Connects and logs in. {@code password} is copied for the exchange and the copy wiped after it;
     * the caller wipes its own.
     */
    public CompletableFuture<MySqlUpstreamLink> connect(EventLoop loop, MySqlTarget target, byte[] password) {
        CompletableFuture<MySqlUpstreamLink> result = new CompletableFuture<>();
        byte[] secret = Arrays.copyOf(password, password.length);
        CompletableFuture.supplyAsync(() -> lookUp(target.host()), LOOKUPS).whenComplete((address, error) -> {
            if (error != null) {
                Arrays.fill(secret, (byte) 0);
                result.completeExceptionally(MySqlUpstreamException.of(Kind.UNAVAILABLE, "cannot look up the target " + target.host()));
                return;
            }
            MySqlBackendDecoder decoder = new MySqlBackendDecoder();
            new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast("mysql-decoder", decoder);
                            channel.pipeline().addLast("mysql-login",
                                    new MySqlLoginHandler(target, secret, tls, MySqlLoginHandler.WANTED, decoder, result));
                        }
                    })
                    .connect(new InetSocketAddress(address, target.port()))
                    .addListener((ChannelFuture connected) -> {
                        if (!connected.isSuccess()) {
                            Arrays.fill(secret, (byte) 0);
                            result.completeExceptionally(new MySqlUpstreamException(Kind.UNAVAILABLE, "cannot connect to the target "
                                    + target.host() + ":" + target.port() + ": " + connected.cause().getMessage(), 0, null, connected.cause()));
                        }
                    });
        });
        return result;
    }

    private static InetAddress lookUp(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }
}
