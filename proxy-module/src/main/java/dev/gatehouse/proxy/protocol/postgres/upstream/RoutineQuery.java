package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.RoutineSource;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The routine lookup on a fresh upstream catalog session: every function and procedure with one
 * of the given names, with its language and {@code pg_get_functiondef}, except PostgreSQL's own
 * C-implemented built-ins.
 */
public final class RoutineQuery extends CatalogSessionQuery<List<RoutineSource>> {

    private static final long TIMEOUT_SECONDS = 5;

    /**
     * Names that go into the query text as they are: letters, digits, {@code _} and {@code $}. A
     * name with anything else (a quoted identifier with a quote in it) is not asked for, and the
     * caller treats it as unknown code.
     */
    static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N}_$]{1,63}");

    private final List<RoutineSource> found = new ArrayList<>();

    private RoutineQuery() {
        super("the routine lookup");
    }

    static CompletableFuture<List<RoutineSource>> run(UpstreamLink link, Set<String> names) {
        RoutineQuery query = new RoutineQuery();
        return query.start(link, "routine-query", sql(names), TIMEOUT_SECONDS);
    }

    /**
     * The query text for these names. Only {@link #PLAIN_NAME}s reach this, so quoting them in a
     * string constant needs no escaping. Public so a differential test can tell the gateway's own
     * catalog statements in a target's log by their exact text.
     */
    public static String sql(Set<String> names) {
        String list = names.stream().sorted().map(name -> "'" + name + "'").collect(Collectors.joining(","));
        return "SELECT n.nspname, p.proname, l.lanname,"
                + " CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_catalog.pg_get_functiondef(p.oid) END"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
                + " WHERE p.proname IN (" + list + ")"
                + " AND NOT (n.nspname = 'pg_catalog' AND l.lanname IN ('internal', 'c'))";
    }

    @Override
    void row(DataRow row) {
        found.add(new RoutineSource(text(row, 0), text(row, 1), text(row, 2), text(row, 3)));
    }

    @Override
    List<RoutineSource> collected() {
        return List.copyOf(found);
    }
}
