package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The one catalog query on a fresh upstream session: names of (table OID, attribute number) pairs. */
final class CatalogQuery extends CatalogSessionQuery<Map<ColumnOrigin, CatalogColumn>> {

    private static final long TIMEOUT_SECONDS = 10;

    private final Set<ColumnOrigin> origins;
    private final Map<ColumnOrigin, CatalogColumn> found = new HashMap<>();

    private CatalogQuery(Set<ColumnOrigin> origins) {
        super("the catalog query");
        this.origins = origins;
    }

    static CompletableFuture<Map<ColumnOrigin, CatalogColumn>> run(UpstreamLink link, Set<ColumnOrigin> origins) {
        CatalogQuery query = new CatalogQuery(origins);
        return query.start(link, "catalog-query", sql(origins), TIMEOUT_SECONDS);
    }

    /** Only integers go into the text, so there is nothing to escape. */
    static String sql(Set<ColumnOrigin> origins) {
        String oids = origins.stream().map(origin -> Integer.toUnsignedString(origin.tableOid())).distinct()
                .collect(Collectors.joining(","));
        return "SELECT c.oid, a.attnum, n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attrelid = ANY ('{" + oids + "}'::oid[]) AND a.attnum > 0 AND NOT a.attisdropped";
    }

    @Override
    void row(DataRow row) {
        int oid = (int) Long.parseLong(text(row, 0));
        short attnum = Short.parseShort(text(row, 1));
        ColumnOrigin origin = new ColumnOrigin(oid, attnum);
        if (origins.contains(origin)) {
            found.put(origin, new CatalogColumn(text(row, 2), text(row, 3), text(row, 4)));
        }
    }

    @Override
    Map<ColumnOrigin, CatalogColumn> collected() {
        return Map.copyOf(found);
    }
}
