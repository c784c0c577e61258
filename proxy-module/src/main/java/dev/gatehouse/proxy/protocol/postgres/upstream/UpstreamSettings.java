package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.StoreIdentity;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the gateway dials targets.
 *
 * @param connectTimeout how long the TCP connect may take
 * @param handshakeTimeout how long everything may take, from the call to ReadyForQuery: name
 *     lookup, connect, TLS, authentication; a stalled server cannot hold a client session hostage
 * @param verifyingTrust trust anchors for verify-ca and verify-full; empty means the JDK's default
 *     trust store. require and prefer never verify (libpq semantics).
 * @param channelType the socket channel class, which must suit the event loops passed to
 *     {@code connect}: the upstream channel is registered on the client's own loop so the relay
 *     never crosses threads. {@link NioSocketChannel} suits loops built with
 *     {@code NioIoHandler.newFactory()}; pass e.g. {@code EpollSocketChannel.class} for epoll loops.
 * @param store Gatehouse's own store: after every login the target's identity is read and a
 *     target that is the store is refused ({@link StoreIdentity#NONE} skips the check)
 * @param plainPasswordsToLoopback whether cleartext and md5 passwords may go to a loopback address
 *     without TLS; elsewhere they need TLS whatever this says
 */
public record UpstreamSettings(
        Duration connectTimeout,
        Duration handshakeTimeout,
        Optional<TrustManagerFactory> verifyingTrust,
        Class<? extends Channel> channelType,
        StoreIdentity store,
        boolean plainPasswordsToLoopback) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    public UpstreamSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(verifyingTrust, "verifyingTrust");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(store, "store");
    }

    /**
     * 10 s to connect, 15 s for the whole handshake, the JDK's trust store, NIO channels, no store
     * to protect, passwords in clear or md5 only over TLS.
     */
    public static UpstreamSettings defaults() {
        return new UpstreamSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, Optional.empty(),
                NioSocketChannel.class, StoreIdentity.NONE, false);
    }

    public UpstreamSettings withStore(StoreIdentity identity) {
        return new UpstreamSettings(connectTimeout, handshakeTimeout, verifyingTrust, channelType, identity, plainPasswordsToLoopback);
    }

    public UpstreamSettings withPlainPasswordsToLoopback(boolean allowed) {
        return new UpstreamSettings(connectTimeout, handshakeTimeout, verifyingTrust, channelType, store, allowed);
    }

    public UpstreamSettings withConnectTimeout(Duration timeout) {
        return new UpstreamSettings(timeout, handshakeTimeout, verifyingTrust, channelType, store, plainPasswordsToLoopback);
    }

    public UpstreamSettings withHandshakeTimeout(Duration timeout) {
        return new UpstreamSettings(connectTimeout, timeout, verifyingTrust, channelType, store, plainPasswordsToLoopback);
    }

    public UpstreamSettings withVerifyingTrust(TrustManagerFactory trust) {
        return new UpstreamSettings(connectTimeout, handshakeTimeout, Optional.of(trust), channelType, store, plainPasswordsToLoopback);
    }

    public UpstreamSettings withChannelType(Class<? extends Channel> type) {
        return new UpstreamSettings(connectTimeout, handshakeTimeout, verifyingTrust, type, store, plainPasswordsToLoopback);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
