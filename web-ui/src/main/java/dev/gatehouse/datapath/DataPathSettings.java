package dev.gatehouse.datapath;

import static dev.gatehouse.platform.EnvironmentValues.number;
import static dev.gatehouse.platform.EnvironmentValues.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The data path's environment settings (documented in docs/guides/postgres.md).
 *
 * @param postgresPort         {@code GATEHOUSE_PG_PORT}, default 15432; {@code off} disables the listener
 * @param tlsCertificate       {@code GATEHOUSE_PG_TLS_CERT}, PEM chain; with the key, replaces the dev certificate
 * @param tlsKey               {@code GATEHOUSE_PG_TLS_KEY}, PEM PKCS#8 private key
 * @param recordingQueue       {@code GATEHOUSE_RECORDING_QUEUE}: events queued before clients are paused
 * @param sqlParserThreads     {@code GATEHOUSE_SQL_PARSER_THREADS}, default 2: threads that parse statements for guardrails
 * @param sqlCacheEntries      {@code GATEHOUSE_SQL_CACHE_ENTRIES}, default 10,000: parsed statements kept by text
 * @param plainPasswordsToLoopback {@code GATEHOUSE_UPSTREAM_PLAIN_PASSWORD_TO_LOOPBACK}, default false: whether cleartext
 *                             and md5 target passwords may go to a loopback target without TLS (never to other hosts)
 */
public record DataPathSettings(Optional<Integer> postgresPort, String bindAddress, Optional<Path> tlsCertificate,
        Optional<Path> tlsKey, boolean allowPlaintextPassword, int maxMessageBytes, Duration startupTimeout,
        int maxConnections, int eventLoopThreads, int recordingQueue, int recordingBatch, int sqlParserThreads,
        int sqlCacheEntries, boolean plainPasswordsToLoopback) {

    public static DataPathSettings from(Map<String, String> env) {
        String port = env.getOrDefault("GATEHOUSE_PG_PORT", "15432").trim();
        Optional<Integer> postgresPort = port.equalsIgnoreCase("off") ? Optional.empty()
                : Optional.of(number(env, "GATEHOUSE_PG_PORT", 15432, 0, 65535));
        Optional<Path> certificate = text(env, "GATEHOUSE_PG_TLS_CERT").map(Path::of);
        Optional<Path> key = text(env, "GATEHOUSE_PG_TLS_KEY").map(Path::of);
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("GATEHOUSE_PG_TLS_CERT and GATEHOUSE_PG_TLS_KEY must be set together");
        }
        return new DataPathSettings(postgresPort,
                text(env, "GATEHOUSE_PG_BIND").orElse("0.0.0.0"),
                certificate, key,
                Boolean.parseBoolean(text(env, "GATEHOUSE_PG_ALLOW_PLAINTEXT_PASSWORD").orElse("false")),
                number(env, "GATEHOUSE_PG_MAX_MESSAGE_BYTES", 1024 * 1024, 1024, 1024 * 1024 * 1024),
                Duration.ofSeconds(number(env, "GATEHOUSE_PG_STARTUP_TIMEOUT_SECONDS", 10, 1, 3600)),
                number(env, "GATEHOUSE_PG_MAX_CONNECTIONS", 2000, 1, 1_000_000),
                number(env, "GATEHOUSE_PG_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256),
                number(env, "GATEHOUSE_RECORDING_QUEUE", 50_000, 100, 10_000_000),
                number(env, "GATEHOUSE_RECORDING_BATCH", 500, 1, 10_000),
                number(env, "GATEHOUSE_SQL_PARSER_THREADS", 2, 1, 64),
                number(env, "GATEHOUSE_SQL_CACHE_ENTRIES", 10_000, 100, 1_000_000),
                Boolean.parseBoolean(text(env, "GATEHOUSE_UPSTREAM_PLAIN_PASSWORD_TO_LOOPBACK").orElse("false")));
    }
}
