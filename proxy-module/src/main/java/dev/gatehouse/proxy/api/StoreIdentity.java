package dev.gatehouse.proxy.api;

/**
 * Tells whether a PostgreSQL server the gateway has just logged in to is Gatehouse's own store, so
 * that no connection can turn the data path into a door to the audit trail. The comparison is by
 * the cluster's system identifier ({@code pg_control_system()}) and the database name, read over
 * the login itself: no host name, port, alias or tunnel changes either.
 *
 * <p>The database name is part of the identity because a test machine may keep the store and
 * ordinary targets in one cluster; a production store runs on a cluster of its own, where the
 * system identifier alone already differs from every target.
 *
 * <p>Implementations answer from memory (the event loop asks). When the store's own identity is not
 * known, they answer true: a target the gateway cannot tell apart from its store is refused.
 */
public interface StoreIdentity {

    /** No store to protect (stand-alone data-path tests). */
    StoreIdentity NONE = (systemIdentifier, database) -> false;

    /**
     * @param systemIdentifier the target's {@code pg_control_system().system_identifier}, as text
     * @param database the target's {@code current_database()}
     * @return true when that is the store, or when the store's identity is unknown
     */
    boolean isStore(String systemIdentifier, String database);

    /** The sentence a refused person reads: what happened and what to do. */
    static String refusal(String connectionName) {
        return "connection " + connectionName + " points at Gatehouse's own store (same PostgreSQL system identifier"
                + " and database); the store is never a target. Point the connection at another database server";
    }
}
