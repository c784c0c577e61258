package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The view lookup on a fresh upstream catalog session (docs/adr/0018): every view and materialized
 * view outside PostgreSQL's own schemas, with {@code pg_get_viewdef}, so lineage follows a view's
 * columns to the base columns it shows.
 */
public final class ViewQuery extends CatalogSessionQuery<Map<String, String>> {

    private static final long TIMEOUT_SECONDS = 5;

    private final Map<String, String> found = new HashMap<>();

    private ViewQuery() {
        super("the view lookup");
    }

    static CompletableFuture<Map<String, String>> run(UpstreamLink link) {
        ViewQuery query = new ViewQuery();
        return query.start(link, "view-query", SQL, TIMEOUT_SECONDS);
    }

    /** Public so a differential test can tell the gateway's own catalog statements in a target's log. */
    public static final String SQL = "SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')";

    @Override
    void row(DataRow row) {
        found.put(text(row, 0) + "." + text(row, 1), text(row, 2));
    }

    @Override
    Map<String, String> collected() {
        return Map.copyOf(found);
    }
}
