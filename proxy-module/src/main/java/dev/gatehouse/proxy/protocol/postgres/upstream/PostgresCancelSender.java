package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Forwards a client's cancel to the target: a fresh connection carrying one CancelRequest with the
 * upstream session's process id and key, as PostgreSQL requires. The key is a secret of its own,
 * so modes that demand TLS get TLS for it as well; disable and prefer send it in plain text, as
 * libpq's classic cancel does.
 */
public final class PostgresCancelSender {

    private static final Set<TlsMode> ENCRYPTED = Set.of(TlsMode.REQUIRE, TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL);
    private static final String SSL_NEGOTIATION = "cancel-ssl-negotiation";
    private static final String CANCEL = "cancel-request";

    private final UpstreamSettings settings;
    private final UpstreamTls tls;
    private final UpstreamDialer dialer;

    public PostgresCancelSender() {
        this(UpstreamSettings.defaults());
    }

    public PostgresCancelSender(UpstreamSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = new UpstreamTls(settings.verifyingTrust());
        this.dialer = new UpstreamDialer(settings);
    }

    /**
     * Completes once the server has taken the request and closed the connection. Success says
     * nothing about whether a query was running: PostgreSQL never reports the outcome of a cancel.
     * Fails with an {@link UpstreamException} when the target cannot be reached in time.
     */
    public CompletableFuture<Void> cancel(EventLoop loop, Connection target, int processId, int secretKey) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(target, "target");
        UpstreamAttempt<Void> attempt = new UpstreamAttempt<>(loop, target, settings.handshakeTimeout(),
                "the cancel request", () -> { });
        dialer.dial(attempt, loop, channel -> buildPipeline(channel, attempt, processId, secretKey));
        return attempt.result();
    }

    private void buildPipeline(Channel channel, UpstreamAttempt<Void> attempt, int processId, int secretKey) {
        boolean encrypt = ENCRYPTED.contains(attempt.target().tlsMode());
        CancelRequestHandler sender = new CancelRequestHandler(attempt, processId, secretKey, encrypt);
        if (encrypt) {
            channel.pipeline().addLast(SSL_NEGOTIATION, new SslNegotiationHandler(attempt, tls, encrypted -> sender.send()));
        }
        channel.pipeline().addLast(CANCEL, sender);
    }
}
