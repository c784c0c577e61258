package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresBackendDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the gateway's own authenticated session on a PostgreSQL target: TCP, TLS per the
 * connection's {@link TlsMode} (libpq's sslmode meanings), StartupMessage, authentication (trust,
 * password, md5, SCRAM-SHA-256) and the startup reports, up to ReadyForQuery.
 *
 * <p>Nothing here blocks the event loop: name lookup runs on a virtual thread and everything else
 * is event-driven. Thread-safe; one instance serves every session.
 *
 * <p>Unlike libpq, {@code prefer} does not dial again in plain text when the server said 'S' and
 * the TLS handshake then failed: a server that offers TLS and cannot complete it is treated as
 * broken, not as a reason to drop encryption.
 */
public final class PostgresUpstreamConnector {

    /** Name of the SslHandler in a link's pipeline, when the hop is encrypted. */
    public static final String TLS_HANDLER = "upstream-tls";
    /** Name of the PostgresBackendDecoder in a link's pipeline; relays add their handler after it. */
    public static final String DECODER = "upstream-decoder";

    private static final String SSL_NEGOTIATION = "upstream-ssl-negotiation";
    private static final String STARTUP = "upstream-startup";

    private final UpstreamSettings settings;
    private final UpstreamTls tls;
    private final UpstreamDialer dialer;

    public PostgresUpstreamConnector() {
        this(UpstreamSettings.defaults());
    }

    public PostgresUpstreamConnector(UpstreamSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = new UpstreamTls(settings.verifyingTrust());
        this.dialer = new UpstreamDialer(settings);
    }

    /**
     * Connects and authenticates. The future completes on {@code loop} (at once when the client's
     * parameters are refused before dialling); see {@link UpstreamLink} for
     * the state of the channel it carries. It fails with an {@link UpstreamRefusedException} when
     * the server refuses (wrong password, unknown database), an {@link UpstreamUnavailableException}
     * when the target cannot be reached or TLS fails, and an {@link UpstreamHandshakeException} when
     * the handshake cannot go on; on failure the channel is already closed. Cancelling the future
     * closes the channel too.
     *
     * @param loop the event loop of the client's channel; the upstream channel is registered on it,
     *     so the relay between the two never crosses threads. Its type must suit
     *     {@link UpstreamSettings#channelType()}.
     * @param database the database to open; null means {@code target.database()}
     * @param clientParameters the client's startup parameters, passed on except {@code user} and
     *     {@code database} (the gateway's to set) and {@code _pq_.*} protocol options; a
     *     {@code replication} request is refused
     * @param secret the target's password, empty when the target trusts the gateway. It is copied at
     *     once, so the caller may wipe its array as soon as this returns; the copy is wiped when the
     *     attempt ends.
     */
    public CompletableFuture<UpstreamLink> connect(EventLoop loop, Connection target, String database,
            Map<String, String> clientParameters, char[] secret) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(clientParameters, "clientParameters");
        Objects.requireNonNull(secret, "secret");
        if (target.type() != ConnectionType.POSTGRES) {
            throw new IllegalArgumentException("connection " + target.name() + " is not a PostgreSQL target");
        }
        Map<String, String> startupParameters;
        try {
            startupParameters = StartupParameters.forUpstream(target.username(),
                    database != null ? database : target.database(), clientParameters);
        } catch (UpstreamException e) {
            return CompletableFuture.failedFuture(e);
        }
        char[] secretCopy = secret.clone();
        UpstreamAttempt<UpstreamLink> attempt = new UpstreamAttempt<>(loop, target, settings.handshakeTimeout(),
                "the PostgreSQL handshake", () -> Arrays.fill(secretCopy, '\0'));
        UpstreamAuthenticator authenticator = new UpstreamAuthenticator(target.username(), secretCopy,
                attempt.address());
        dialer.dial(attempt, loop, channel -> buildPipeline(channel, attempt,
                new UpstreamStartupHandler(attempt, startupParameters, authenticator,
                        target.tlsMode() != TlsMode.DISABLE, settings.store(), settings.plainPasswordsToLoopback())));
        return attempt.result();
    }

    /**
     * Plain: decoder and startup from the first byte. Otherwise the SSL answer is one unframed byte,
     * so the decoder only joins once the negotiation has consumed it (and behind the SslHandler).
     */
    private void buildPipeline(Channel channel, UpstreamAttempt<UpstreamLink> attempt, UpstreamStartupHandler startup) {
        ChannelPipeline pipeline = channel.pipeline();
        if (attempt.target().tlsMode() == TlsMode.DISABLE) {
            pipeline.addLast(DECODER, new PostgresBackendDecoder());
            pipeline.addLast(STARTUP, startup);
            return;
        }
        pipeline.addLast(SSL_NEGOTIATION, new SslNegotiationHandler(attempt, tls, encrypted -> {
            pipeline.addBefore(STARTUP, DECODER, new PostgresBackendDecoder());
            startup.begin(encrypted);
        }));
        pipeline.addLast(STARTUP, startup);
    }
}
