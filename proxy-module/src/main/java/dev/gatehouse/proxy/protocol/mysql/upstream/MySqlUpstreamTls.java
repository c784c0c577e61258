package dev.gatehouse.proxy.protocol.mysql.upstream;

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
 * Client TLS towards MySQL targets with the PostgreSQL side's mode names (api.TlsMode): prefer and
 * require encrypt without checking who answers, verify-ca checks the chain, verify-full also the
 * host name. MySQL clients spell these --ssl-mode=PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY.
 */
public final class MySqlUpstreamTls {

    private final SslContext unverified;
    private final SslContext verified;

    public MySqlUpstreamTls(Optional<TrustManagerFactory> verifyingTrust) {
        try {
            unverified = builder().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            SslContextBuilder verifying = builder();
            verifyingTrust.ifPresent(verifying::trustManager);
            verified = verifying.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up client TLS for MySQL targets: " + e.getMessage(), e);
        }
    }

    private static SslContextBuilder builder() {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").endpointIdentificationAlgorithm(null);
    }

    SslHandler newHandler(ByteBufAllocator alloc, MySqlTarget target) {
        TlsMode mode = target.tlsMode();
        SslContext context = mode == TlsMode.VERIFY_CA || mode == TlsMode.VERIFY_FULL ? verified : unverified;
        SslHandler handler = context.newHandler(alloc, target.host(), target.port());
        if (mode == TlsMode.VERIFY_FULL) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
