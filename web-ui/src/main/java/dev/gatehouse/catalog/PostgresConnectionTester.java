package dev.gatehouse.catalog;

import dev.gatehouse.datapath.DataPathSettings;
import dev.gatehouse.platform.OwnStoreIdentity;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamForbiddenException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamHandshakeException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamRefusedException;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Logs in to the target exactly as the data path does (the same connector, issue 17): TLS per the
 * connection's mode, passwords in clear or md5 only over TLS, and the store probe, so a test can
 * neither hand the secret to an impostor nor open a session on Gatehouse's own store. The server
 * version comes from the login's own ParameterStatus; no statement is run on the target.
 */
@ApplicationScoped
public class PostgresConnectionTester implements ConnectionTester {

    private static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(5);

    @Inject
    OwnStoreIdentity store;

    private EventLoopGroup loops;
    private PostgresUpstreamConnector connector;

    @PostConstruct
    void start() {
        store.load();
        loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gatehouse-connection-test", true), NioIoHandler.newFactory());
        connector = new PostgresUpstreamConnector(UpstreamSettings.defaults()
                .withConnectTimeout(HANDSHAKE_LIMIT)
                .withHandshakeTimeout(HANDSHAKE_LIMIT)
                .withStore(store)
                .withPlainPasswordsToLoopback(DataPathSettings.from(System.getenv()).plainPasswordsToLoopback()));
    }

    @PreDestroy
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public ConnectionTestResult test(Connection target, String secret) {
        long start = System.nanoTime();
        if (target.type() != ConnectionType.POSTGRES) {
            return new ConnectionTestResult(false, "Testing " + target.type().wireName() + " connections is not available yet", 0);
        }
        char[] password = secret == null ? new char[0] : secret.toCharArray();
        CompletableFuture<UpstreamLink> linked;
        try {
            linked = connector.connect(loops.next(), target, target.database(), Map.of("application_name", "gatehouse connection test"),
                    password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try {
            UpstreamLink link = linked.get(HANDSHAKE_LIMIT.toSeconds() + 2, TimeUnit.SECONDS);
            String version = link.parameterStatus().getOrDefault("server_version", "(version not reported)");
            link.close();
            return new ConnectionTestResult(true, "Connected to PostgreSQL " + version + " as " + target.username(), elapsed(start));
        } catch (ExecutionException e) {
            return new ConnectionTestResult(false, explain(target, e.getCause()), elapsed(start),
                    e.getCause() instanceof UpstreamForbiddenException forbidden ? forbidden.reason() : null);
        } catch (TimeoutException e) {
            linked.cancel(true);
            return new ConnectionTestResult(false, "Cannot reach " + where(target) + ": no answer within " + HANDSHAKE_LIMIT.toSeconds()
                    + " s", elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            linked.cancel(true);
            return new ConnectionTestResult(false, "The test was interrupted", elapsed(start));
        }
    }

    static String explain(Connection target, Throwable failure) {
        String where = where(target);
        return switch (failure) {
            case UpstreamRefusedException refused when refused.sqlState().startsWith("28") -> "Authentication failed for user \""
                    + target.username() + "\" on " + where + ": check the username and the stored secret";
            case UpstreamRefusedException refused when refused.sqlState().equals("3D000") -> "Database \"" + target.database()
                    + "\" does not exist on " + where;
            case UpstreamRefusedException refused -> "Connection to " + where + " failed (SQLSTATE " + refused.sqlState() + "): "
                    + refused.serverMessage();
            case UpstreamForbiddenException forbidden -> "Refused: " + forbidden.getMessage();
            case UpstreamHandshakeException handshake -> "Connection to " + where + " failed (SQLSTATE " + handshake.sqlState() + "): "
                    + handshake.getMessage();
            case UpstreamException unavailable -> "Cannot reach " + where + ": " + unavailable.getMessage();
            default -> "Connection to " + where + " failed: " + failure.getClass().getSimpleName();
        };
    }

    private static String where(Connection target) {
        return target.host() + ":" + target.port();
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
