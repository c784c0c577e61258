package dev.gatehouse.evidence.dashboard;

import dev.gatehouse.platform.DirectStoreConnections;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The compliance dashboard's figures (issue 9): exceptions per control over the last 30 UTC days
 * and the stale access live now, read from the store with aggregates (see {@link DashboardWindow},
 * {@link ExceptionKind} and {@link StaleAccessQueries} for exactly what is counted).
 *
 * <p>A snapshot is reused for {@link #FRESH_FOR}: however many auditors reload the page at once, the
 * store answers at most one set of queries per 30 s; callers arriving while a read runs wait for it
 * and share its result. The read uses a connection of its own as gatehouse_app (like the chain
 * verification), outside any request transaction, in one read-only repeatable-read transaction.
 */
@ApplicationScoped
public class ComplianceDashboard {

    public static final Duration FRESH_FOR = Duration.ofSeconds(30);

    /** Where the dashboard gets its connection; the store's direct connection outside tests. */
    @FunctionalInterface
    public interface StoreConnection {
        Connection open() throws SQLException;
    }

    private final StoreConnection store;
    private final Clock clock;
    private ComplianceSnapshot cached;

    public ComplianceDashboard() {
        this(DirectStoreConnections::application, Clock.systemUTC());
    }

    ComplianceDashboard(StoreConnection store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The latest snapshot, read anew when the cached one is older than 30 s.
     *
     * @throws IllegalStateException when the store cannot be read
     */
    public synchronized ComplianceSnapshot snapshot() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.takenAt().plus(FRESH_FOR))) {
            try (Connection connection = store.open()) {
                cached = ComplianceQueries.read(connection, now);
            } catch (SQLException e) {
                throw new IllegalStateException("reading the compliance figures failed: " + e.getMessage(), e);
            }
        }
        return cached;
    }
}
