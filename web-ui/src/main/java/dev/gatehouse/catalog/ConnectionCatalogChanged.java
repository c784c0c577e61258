package dev.gatehouse.catalog;

/**
 * Fired by the catalog whenever a connection is created, changed or deleted, so caches of the
 * catalog (the data path's directory, grant caches) can forget what they hold. Observers should
 * listen {@code during = TransactionPhase.AFTER_SUCCESS}: reacting before the commit would let a
 * concurrent reader cache the old row again. An update may have renamed the connection, so a cache
 * keyed by name should forget more than this one name.
 *
 * @param connectionName the connection's name after the change (before it, for a delete)
 * @param change         {@code created}, {@code updated} or {@code deleted}
 */
public record ConnectionCatalogChanged(String connectionName, String change) {
}
