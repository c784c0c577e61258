package dev.gatehouse.proxy.protocol.postgres;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;

/**
 * How the PostgreSQL listener behaves.
 *
 * @param bindAddress              where to listen, e.g. {@code 0.0.0.0}
 * @param port                     0 picks a free port (tests)
 * @param serverTls                TLS offered to clients on SSLRequest; null answers 'N'
 * @param allowPlaintextPassword   accept the token over an unencrypted, non-loopback connection. Off by
 *                                 default: the token is a bearer credential and must not cross a network in clear
 * @param maxMessageBytes          the largest client message accepted (startup packets have their own 10 KiB cap)
 * @param startupTimeout           a client must finish TLS, startup and authentication within this time
 * @param maxConnections           client connections beyond this are refused with 53300
 */
public record PostgresSettings(String bindAddress, int port, SslContext serverTls, boolean allowPlaintextPassword,
        int maxMessageBytes, Duration startupTimeout, int maxConnections) {

    public static final int DEFAULT_PORT = 15432;

    public PostgresSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + maxMessageBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
    }

    public static PostgresSettings defaults(SslContext serverTls) {
        return new PostgresSettings("0.0.0.0", DEFAULT_PORT, serverTls, false, 1024 * 1024, Duration.ofSeconds(10), 2000);
    }

    public PostgresSettings withPort(int newPort) {
        return new PostgresSettings(bindAddress, newPort, serverTls, allowPlaintextPassword, maxMessageBytes,
                startupTimeout, maxConnections);
    }
}
