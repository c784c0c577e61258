package dev.gatehouse.proxy.api;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Names the source columns of result columns: {@code RowDescription} carries only a table OID and
 * an attribute number per column, and catalog-column masking rules name schema, table and column.
 * Implementations cache per connection, answer cached origins with a completed stage, look up the
 * rest off the event loop, and forget a connection's entries when {@link #invalidate} says its
 * schema changed. A failed stage fails the result closed.
 */
public interface TargetCatalog {

    /**
     * @return the catalog name of every origin found; an origin missing from the map no longer
     *         exists (a dropped table), and only content and name rules apply to it
     */
    CompletionStage<Map<ColumnOrigin, CatalogColumn>> columns(Connection connection, Set<ColumnOrigin> origins);

    /**
     * Every routine named one of {@code names} (lower case, as the parser resolved the spelling), in
     * any schema and every overload, except the built-in ones PostgreSQL implements in C
     * ({@code internal} and {@code c} in pg_catalog), so a call is judged by the bodies it may run.
     * Cached like the columns, dropped by {@link #invalidate}. Without an implementation the stage
     * fails, and guardrails fail closed for statements that call functions.
     */
    default CompletionStage<java.util.List<RoutineSource>> routines(Connection connection, Set<String> names) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("this catalog reads no routines"));
    }

    /**
     * Every view and materialized view of the connection's database with its definition
     * ({@code pg_get_viewdef}), keyed {@code schema.view}, so lineage follows view columns to their
     * base columns (docs/adr/0018). Cached like the columns. A failed stage makes results whose
     * lineage it would decide fail closed. Without an implementation: no view is known.
     */
    default CompletionStage<Map<String, String>> views(Connection connection) {
        return java.util.concurrent.CompletableFuture.completedFuture(Map.of());
    }

    /** The connection ran DDL (seen from a command tag): the next lookup asks the target again. */
    void invalidate(Connection connection);
}
