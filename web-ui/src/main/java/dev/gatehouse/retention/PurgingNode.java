package dev.gatehouse.retention;

import dev.gatehouse.platform.DirectStoreConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The right to purge, one node at a time: a session-level advisory lock on a connection of its own,
 * outside the pool. A pooled connection would go back to the pool still holding the lock if a
 * release failed; this one is closed, and PostgreSQL drops the lock with the session, also when the
 * node dies mid-run.
 */
final class PurgingNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PurgingNode.class.getName());

    private final Connection connection;
    private final boolean acquired;

    private PurgingNode(Connection connection, boolean acquired) {
        this.connection = connection;
        this.acquired = acquired;
    }

    /** Tries once, without waiting: a node that finds another purging skips its run. */
    static PurgingNode tryAcquire() throws SQLException {
        // The lock needs no rights: the application's role, not the schema owner.
        Connection connection = DirectStoreConnections.application();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select pg_try_advisory_lock(" + RetentionLocks.PURGING_NODE + ")")) {
            rs.next();
            return new PurgingNode(connection, rs.getBoolean(1));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    boolean acquired() {
        return acquired;
    }

    @Override
    public void close() {
        try (connection) {
            if (acquired) {
                try (Statement st = connection.createStatement()) {
                    st.execute("select pg_advisory_unlock(" + RetentionLocks.PURGING_NODE + ")");
                }
            }
        } catch (SQLException e) {
            // Closing the connection ends the session, which releases the lock anyway.
            LOG.log(Level.FINE, "retention: releasing the purge lock failed; the closed session releases it", e);
        }
    }
}
