package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.RoutineSource;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Names result columns from the target's own catalog: the gateway opens its own session on the
 * target (with the connection's stored credentials, as for a client session), runs one query on
 * {@code pg_attribute}, {@code pg_class} and {@code pg_namespace} for the OIDs it does not know,
 * and closes it. Names are cached per connection and database (OIDs are per database), dropped
 * when a session reports DDL on the connection, and in any case after {@code timeToLive}, for DDL
 * the gateway did not see (run directly on the target). Thread-safe.
 *
 * <p>A view's columns are reported by PostgreSQL with the view's OID: they are named here as the
 * view's columns ({@code schema.view.column}), so a rule on the base table's column does not
 * reach them; column-name and content rules do.
 */
public final class PostgresTargetCatalog implements TargetCatalog {

    private record Key(String connection, String database) {
    }

    /** One connection's names; replaced (not cleared) on invalidation, so a lookup that ends later cannot refill it. */
    private static final class Entry {
        final long loadedAt;
        final Map<ColumnOrigin, Optional<CatalogColumn>> names = new ConcurrentHashMap<>();
        /** By routine name: every non-built-in routine of that name (empty: none). */
        final Map<String, List<RoutineSource>> routines = new ConcurrentHashMap<>();
        /** The database's view definitions, once read. */
        volatile Map<String, String> views;

        Entry(long loadedAt) {
            this.loadedAt = loadedAt;
        }
    }

    private final PostgresUpstreamConnector connector;
    private final CredentialStore credentials;
    private final Executor blockingWork;
    private final EventLoopGroup loops;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public PostgresTargetCatalog(PostgresUpstreamConnector connector, CredentialStore credentials, Executor blockingWork,
            EventLoopGroup loops, Duration timeToLive, Clock clock) {
        this.connector = connector;
        this.credentials = credentials;
        this.blockingWork = blockingWork;
        this.loops = loops;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Map<ColumnOrigin, CatalogColumn>> columns(Connection connection, Set<ColumnOrigin> origins) {
        Entry entry = entry(connection);
        Set<ColumnOrigin> missing = origins.stream().filter(origin -> !entry.names.containsKey(origin)).collect(Collectors.toSet());
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(known(entry, origins));
        }
        String name = connection.name();
        return CompletableFuture.supplyAsync(() -> credentials.secretFor(name), blockingWork)
                .thenCompose(secret -> lookUp(connection, secret.orElseGet(() -> new char[0]), missing))
                .thenApply(found -> {
                    for (ColumnOrigin origin : missing) {
                        entry.names.put(origin, Optional.ofNullable(found.get(origin)));
                    }
                    return known(entry, origins);
                });
    }

    @Override
    public CompletionStage<List<RoutineSource>> routines(Connection connection, Set<String> names) {
        Entry entry = entry(connection);
        Set<String> missing = names.stream().filter(name -> !entry.routines.containsKey(name)).collect(Collectors.toSet());
        if (missing.stream().anyMatch(name -> !RoutineQuery.PLAIN_NAME.matcher(name).matches())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a routine name the gateway does not look up"));
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(knownRoutines(entry, names));
        }
        String name = connection.name();
        return CompletableFuture.supplyAsync(() -> credentials.secretFor(name), blockingWork)
                .thenCompose(secret -> lookUpRoutines(connection, secret.orElseGet(() -> new char[0]), missing))
                .thenApply(found -> {
                    for (String routine : missing) {
                        entry.routines.put(routine, found.stream().filter(r -> r.name().equals(routine)).toList());
                    }
                    return knownRoutines(entry, names);
                });
    }

    private static List<RoutineSource> knownRoutines(Entry entry, Set<String> names) {
        List<RoutineSource> routines = new ArrayList<>();
        for (String name : names) {
            routines.addAll(entry.routines.getOrDefault(name, List.of()));
        }
        return routines;
    }

    private CompletableFuture<List<RoutineSource>> lookUpRoutines(Connection connection, char[] secret, Set<String> names) {
        return catalogSession(connection, secret).thenCompose(link -> RoutineQuery.run(link, names));
    }

    @Override
    public CompletionStage<Map<String, String>> views(Connection connection) {
        Entry entry = entry(connection);
        Map<String, String> known = entry.views;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        String name = connection.name();
        return CompletableFuture.supplyAsync(() -> credentials.secretFor(name), blockingWork)
                .thenCompose(secret -> catalogSession(connection, secret.orElseGet(() -> new char[0])))
                .thenCompose(ViewQuery::run)
                .thenApply(found -> {
                    entry.views = found;
                    return found;
                });
    }

    @Override
    public void invalidate(Connection connection) {
        entries.keySet().removeIf(key -> key.connection().equals(connection.name()));
    }

    private Entry entry(Connection connection) {
        Key key = new Key(connection.name(), connection.database());
        long now = clock.millis();
        return entries.compute(key, (k, existing) -> existing == null || now - existing.loadedAt > timeToLive.toMillis()
                ? new Entry(now) : existing);
    }

    private static Map<ColumnOrigin, CatalogColumn> known(Entry entry, Set<ColumnOrigin> origins) {
        Map<ColumnOrigin, CatalogColumn> names = new HashMap<>();
        for (ColumnOrigin origin : origins) {
            entry.names.getOrDefault(origin, Optional.empty()).ifPresent(column -> names.put(origin, column));
        }
        return names;
    }

    private CompletableFuture<Map<ColumnOrigin, CatalogColumn>> lookUp(Connection connection, char[] secret, Set<ColumnOrigin> origins) {
        return catalogSession(connection, secret).thenCompose(link -> CatalogQuery.run(link, origins));
    }

    /** A fresh session on the target for one catalog lookup; the secret is wiped once it has been handed over. */
    private CompletableFuture<UpstreamLink> catalogSession(Connection connection, char[] secret) {
        try {
            return connector.connect(loops.next(), connection, connection.database(), Map.of("application_name",
                    "gatehouse-catalog"), secret);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
