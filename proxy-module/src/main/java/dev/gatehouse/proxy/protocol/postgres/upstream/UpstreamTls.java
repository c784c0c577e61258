package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS for the hop to the target, with libpq's sslmode meanings: prefer and require encrypt
 * without checking who answers; verify-ca checks the chain; verify-full also checks that the
 * certificate names the host dialled. Contexts are built once, they are costly.
 */
final class UpstreamTls {

    /** Hostname checking in the JDK's terms: the rules of RFC 2818, which libpq's verify-full follows too. */
    private static final String HOSTNAME_CHECK = "HTTPS";

    private final SslContext unverified;
    private final SslContext verified;

    UpstreamTls(Optional<TrustManagerFactory> verifyingTrust) {
        try {
            unverified = builder().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            SslContextBuilder verifying = builder();
            verifyingTrust.ifPresent(verifying::trustManager);
            verified = verifying.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up client TLS for targets: " + e.getMessage(), e);
        }
    }

    /**
     * Netty 4.2 turns hostname checking on by default; it is switched off in both contexts and
     * switched back on per engine for verify-full only, so verify-ca really is chain-only.
     * TLS 1.2 is the floor, as in libpq's default ssl_min_protocol_version.
     */
    private static SslContextBuilder builder() {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .endpointIdentificationAlgorithm(null);
    }

    /** A handler for the given target; host and port also give the engine SNI and session reuse. */
    SslHandler newHandler(ByteBufAllocator alloc, Connection target) {
        TlsMode mode = target.tlsMode();
        SslContext context = mode == TlsMode.VERIFY_CA || mode == TlsMode.VERIFY_FULL ? verified : unverified;
        SslHandler handler = context.newHandler(alloc, target.host(), target.port());
        if (mode == TlsMode.VERIFY_FULL) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(HOSTNAME_CHECK);
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
