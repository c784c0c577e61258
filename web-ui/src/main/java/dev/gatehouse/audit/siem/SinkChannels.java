package dev.gatehouse.audit.siem;

import dev.gatehouse.audit.siem.transport.FileTransport;
import dev.gatehouse.audit.siem.transport.HttpTransport;
import dev.gatehouse.audit.siem.transport.SiemTransport;
import dev.gatehouse.audit.siem.transport.SyslogStreamTransport;
import dev.gatehouse.audit.siem.transport.TrustMaterial;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/** Opens the channel a sink's settings describe. */
public final class SinkChannels {

    private final ExportOrigin origin;
    private final Path fileDirectory;
    private final UnaryOperator<String> unsealToken;
    private final Duration sendTimeout;
    private final ScheduledExecutorService watchdog;

    /**
     * @param unsealToken turns a sealed token into the token, only when a channel opens
     * @param watchdog    closes syslog connections whose collector stopped reading
     */
    public SinkChannels(ExportOrigin origin, Path fileDirectory, UnaryOperator<String> unsealToken, Duration sendTimeout,
            ScheduledExecutorService watchdog) {
        this.origin = origin;
        this.fileDirectory = fileDirectory;
        this.unsealToken = unsealToken;
        this.sendTimeout = sendTimeout;
        this.watchdog = watchdog;
    }

    public SinkChannel open(ConfiguredSink sink) throws GeneralSecurityException {
        String token = sink.sealedToken() == null ? null : unsealToken.apply(sink.sealedToken());
        return new SinkChannel(sink.format().create(origin), transport(sink, token), token);
    }

    private SiemTransport transport(ConfiguredSink sink, String token) throws GeneralSecurityException {
        return switch (sink.transport()) {
            case FILE -> new FileTransport(SinkEndpoints.file(sink.endpoint(), fileDirectory));
            case HTTP -> {
                String authorization = token == null ? null : (sink.format() == SinkFormat.HEC ? "Splunk " : "Bearer ") + token;
                SSLContext tls = sink.tlsCaCertificate() == null ? null : TrustMaterial.context(sink.tlsCaCertificate());
                yield new HttpTransport(SinkEndpoints.http(sink.endpoint()), sink.format().create(origin).mediaType(), authorization, tls,
                        sendTimeout);
            }
            case TCP, TLS -> {
                SinkEndpoints.HostPort collector = SinkEndpoints.hostPort(sink.endpoint());
                var tls = sink.transport() == SinkTransportKind.TLS ? TrustMaterial.context(sink.tlsCaCertificate()).getSocketFactory() : null;
                yield new SyslogStreamTransport(collector.host(), collector.port(), tls, sendTimeout, watchdog);
            }
        };
    }
}
