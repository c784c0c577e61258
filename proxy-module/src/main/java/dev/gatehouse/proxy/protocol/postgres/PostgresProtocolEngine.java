package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.GatewayServices;
import dev.gatehouse.proxy.api.ProtocolEngine;
import dev.gatehouse.proxy.api.StoreIdentity;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresFrontendDecoder;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresCancelSender;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.time.Clock;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresTargetCatalog;

/**
 * The PostgreSQL listener: accepts clients, gives each a decoder and a {@link PostgresSession},
 * and owns the event loops. Upstream connections share their client's event loop, so a session's
 * two channels never need to hand data across threads.
 */
public final class PostgresProtocolEngine implements ProtocolEngine {

    private static final Logger LOG = Logger.getLogger(PostgresProtocolEngine.class.getName());
    /** Catalog names are also forgotten after this, for DDL run past the gateway. */
    static final Duration CATALOG_TIME_TO_LIVE = Duration.ofMinutes(5);

    private final PostgresSettings settings;
    private final GatewayServices services;
    private final int eventLoopThreads;
    private final CancelKeys cancelKeys = new CancelKeys();
    private final AtomicInteger open = new AtomicInteger();
    private final ChannelGroup clients = new DefaultChannelGroup("postgres-clients", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;
    private PostgresUpstreamConnector connector;
    private PostgresCancelSender cancelSender;
    private TargetCatalog columns;
    private StoreIdentity store = StoreIdentity.NONE;
    private boolean plainPasswordsToLoopback;

    public PostgresProtocolEngine(PostgresSettings settings, GatewayServices services, int eventLoopThreads) {
        this.settings = settings;
        this.services = services;
        this.eventLoopThreads = eventLoopThreads;
    }

    /**
     * Rules for every upstream login, set before {@link #start()}: the store that is never a target,
     * and whether cleartext or md5 passwords may go to a loopback target without TLS.
     */
    public synchronized void upstreamRules(StoreIdentity ownStore, boolean plainPasswordsToLoopbackAllowed) {
        this.store = Objects.requireNonNull(ownStore, "ownStore");
        this.plainPasswordsToLoopback = plainPasswordsToLoopbackAllowed;
    }

    @Override
    public String protocol() {
        return PostgresSession.PROTOCOL;
    }

    @Override
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        // Linux's native epoll transport where it loads (fewer copies and syscalls than NIO's
        // selector); NIO everywhere else. Client and upstream channels must match the loops.
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gatehouse-pg-accept", true), io);
        workers = new MultiThreadIoEventLoopGroup(eventLoopThreads, new DefaultThreadFactory("gatehouse-pg", true), io);
        UpstreamSettings upstream = UpstreamSettings.defaults()
                .withChannelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .withStore(store)
                .withPlainPasswordsToLoopback(plainPasswordsToLoopback);
        connector = new PostgresUpstreamConnector(upstream);
        cancelSender = new PostgresCancelSender(upstream);
        // Without one from the application, result columns are named by asking the target itself.
        columns = services.columns() != null ? services.columns() : new PostgresTargetCatalog(connector, services.credentials(),
                services.blockingWork(), workers, CATALOG_TIME_TO_LIVE, Clock.systemUTC());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        accept(channel);
                    }
                });
        try {
            listener = bootstrap.bind(settings.bindAddress(), settings.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            listener = null;
            throw e;
        }
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        LOG.info("PostgreSQL listener on " + address.getHostString() + ":" + address.getPort()
                + (settings.serverTls() == null ? " (TLS not offered)" : " (TLS offered)"));
        return address;
    }

    private void accept(Channel channel) {
        channel.closeFuture().addListener(closed -> open.decrementAndGet());
        if (open.incrementAndGet() > settings.maxConnections()) {
            // Refuse before reading anything: libpq shows the error whatever it was about to send.
            channel.writeAndFlush(PostgresMessages.errorResponse(channel.alloc(), PostgresMessages.SEVERITY_FATAL,
                    PostgresErrors.TOO_MANY_CONNECTIONS, PostgresErrors.TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        clients.add(channel);
        channel.pipeline().addLast("decoder", new PostgresFrontendDecoder(PostgresFrontendDecoder.DEFAULT_MAX_STARTUP_SIZE,
                settings.maxMessageBytes()));
        channel.pipeline().addLast("session", new PostgresSession(settings, services, connector, cancelSender, cancelKeys, columns));
    }

    @Override
    public int openConnections() {
        return Math.max(open.get(), 0);
    }

    /**
     * Bytes written towards clients that their sockets have not taken yet. Back-pressure keeps this
     * near the channels' write-buffer high-water mark per slow client, whatever the result size.
     */
    public long bytesQueuedForClients() {
        long queued = 0;
        for (Channel client : clients) {
            ChannelOutboundBuffer buffer = client.unsafe().outboundBuffer();
            queued += buffer == null ? 0 : buffer.totalPendingWriteBytes();
        }
        return queued;
    }

    /**
     * Ends the relaying sessions of {@code identityName} (as {@link dev.gatehouse.proxy.api.Identity#displayName()})
     * on {@code connectionName}, telling each client {@code message}. Safe from any thread.
     *
     * @return a future of how many sessions were ended
     */
    public CompletableFuture<Integer> endSessions(String identityName, String connectionName, String message) {
        AtomicInteger ended = new AtomicInteger();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (Channel client : clients) {
            PostgresSession session = client.pipeline().get(PostgresSession.class);
            if (session != null) {
                CompletableFuture<Void> checked = new CompletableFuture<>();
                session.endIfFor(identityName, connectionName, message, ended::incrementAndGet);
                client.eventLoop().execute(() -> checked.complete(null));
                checks.add(checked);
            }
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(done -> ended.get());
    }

    /** Sessions whose cancel key is live, i.e. authenticated and relaying. */
    int relayingSessions() {
        return cancelKeys.size();
    }

    @Override
    public synchronized void stop(Duration grace) {
        if (listener == null) {
            return;
        }
        listener.close().syncUninterruptibly();
        for (Channel client : clients) {
            PostgresSession session = client.pipeline().get(PostgresSession.class);
            if (session != null) {
                session.shutdown();
            } else {
                client.close();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        listener = null;
        LOG.info("PostgreSQL listener stopped");
    }
}
