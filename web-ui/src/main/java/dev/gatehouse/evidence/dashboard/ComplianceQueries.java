package dev.gatehouse.evidence.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Reads one whole snapshot through one connection, in one read-only transaction so the figures agree with each other. */
public final class ComplianceQueries {

    /** How many of the latest exceptions of each kind, and of each kind of stale access, are listed. */
    public static final int LISTED = 5;

    private ComplianceQueries() {
    }

    public static ComplianceSnapshot read(Connection connection, Instant now) throws SQLException {
        DashboardWindow window = DashboardWindow.endingAt(now);
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            ComplianceSnapshot snapshot = new ComplianceSnapshot(now, window,
                    ExceptionQueries.SELF_APPROVALS.run(connection, window, LISTED),
                    ExceptionQueries.BLOCKED_COMMANDS.run(connection, window, LISTED),
                    ExceptionQueries.UNMASK_GRANTS.run(connection, window, LISTED),
                    ExceptionQueries.liveUnmaskGrants(connection, window),
                    ExceptionQueries.FAILED_VERIFICATIONS.run(connection, window, LISTED),
                    StaleAccessQueries.at(connection, now, LISTED),
                    ExceptionQueries.REFUSED_POWERS.run(connection, window, LISTED));
            connection.commit();
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }
}
