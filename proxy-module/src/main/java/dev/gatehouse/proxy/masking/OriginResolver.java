package dev.gatehouse.proxy.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TargetCatalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One session's view of the catalog names of result columns: what it learnt from the
 * {@link TargetCatalog}, and the one lookup in flight. Answers at once for known origins; for the
 * rest it starts a lookup and calls back on the session's loop when it ends. Event-loop confined.
 */
public final class OriginResolver {

    public enum State { KNOWN, PENDING, FAILED }

    private final TargetCatalog catalog;
    private final Connection connection;
    private final boolean needsCatalog;
    private final Executor loop;
    private final Map<ColumnOrigin, CatalogColumn> known = new HashMap<>();
    private final Set<ColumnOrigin> absent = new HashSet<>();
    private boolean pending;
    private boolean failed;

    /**
     * @param catalog      null when the gateway has no catalog access
     * @param connection   the connection, with the session's database (OIDs are per database)
     * @param needsCatalog whether the policy has catalog-column rules, which cannot apply without it
     */
    public OriginResolver(TargetCatalog catalog, Connection connection, boolean needsCatalog, Executor loop) {
        this.catalog = catalog;
        this.connection = connection;
        this.needsCatalog = needsCatalog;
        this.loop = loop;
    }

    public Map<ColumnOrigin, CatalogColumn> known() {
        return known;
    }

    /**
     * @param resumed called on the loop when a lookup this call started has ended (either way)
     * @return KNOWN when every origin is known (or known to be absent); PENDING when a lookup runs;
     *         FAILED once after a lookup failed (the caller fails the result closed)
     */
    public State resolve(Set<ColumnOrigin> origins, Runnable resumed) {
        if (failed) {
            failed = false;
            return State.FAILED;
        }
        if (pending) {
            return State.PENDING;
        }
        Set<ColumnOrigin> missing = new HashSet<>();
        for (ColumnOrigin origin : origins) {
            if (!known.containsKey(origin) && !absent.contains(origin)) {
                missing.add(origin);
            }
        }
        if (missing.isEmpty()) {
            return State.KNOWN;
        }
        if (catalog == null) {
            if (needsCatalog) {
                return State.FAILED;
            }
            absent.addAll(missing); // name and content rules still apply
            return State.KNOWN;
        }
        CompletableFuture<Map<ColumnOrigin, CatalogColumn>> lookup;
        try {
            lookup = catalog.columns(connection, missing).toCompletableFuture();
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            learn(missing, lookup.join());
            return State.KNOWN;
        }
        pending = true;
        lookup.whenComplete((names, error) -> loop.execute(() -> {
            pending = false;
            if (error != null || names == null) {
                failed = true;
            } else {
                learn(missing, names);
            }
            resumed.run();
        }));
        return State.PENDING;
    }

    /** The schema changed: forget what was learnt here and in the shared catalog. */
    public void invalidate() {
        known.clear();
        absent.clear();
        if (catalog != null) {
            catalog.invalidate(connection);
        }
    }

    private void learn(Set<ColumnOrigin> asked, Map<ColumnOrigin, CatalogColumn> names) {
        for (ColumnOrigin origin : asked) {
            CatalogColumn name = names.get(origin);
            if (name != null) {
                known.put(origin, name);
            } else {
                absent.add(origin);
            }
        }
    }
}
