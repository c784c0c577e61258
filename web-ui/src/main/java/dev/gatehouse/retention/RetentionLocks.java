package dev.gatehouse.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL advisory locks of retention (documented in docs/guides/retention.md). Their keys
 * share one 64-bit space with the audit chain's lock ("gatehous"), hence ASCII words again.
 */
final class RetentionLocks {

    /** Session-level, held by the one node that purges, for the whole run ("rtn-node"). */
    static final long PURGING_NODE = 0x72746e2d_6e6f6465L;

    /**
     * Transaction-level ("rtn-hold"): every purge batch takes it shared, every legal-hold change
     * exclusively. A hold therefore waits for the batch in flight and every later batch sees it; no
     * batch can purge what a hold committed a moment earlier protects.
     */
    static final long HOLDS = 0x72746e2d_686f6c64L;

    private RetentionLocks() {
    }

    static void forPurgeBatch(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("select pg_advisory_xact_lock_shared(" + HOLDS + ")");
        }
    }

    static void forHoldChange(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("select pg_advisory_xact_lock(" + HOLDS + ")");
        }
    }
}
