package dev.gatehouse.proxy.protocol.postgres;

import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.masking.ViewLineages;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.ColumnLineage;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementLineage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One session's lineage of results (docs/adr/0018): which statement a result answers, that
 * statement's lineage from the shared analyzer's cache (per statement shape), and the cursors and
 * SQL-level prepared statements the session declared, so FETCH and EXECUTE follow their query.
 *
 * <p>The client's statements are handed to the analyzer as they go to the target, so the parse is
 * usually done before the result arrives. When it is not, the result waits for it, as it waits for
 * a catalog lookup. Event-loop confined.
 */
final class ResultLineage {

    private static final Logger LOG = Logger.getLogger(ResultLineage.class.getName());

    /** Cursors and prepared statements remembered per session; past this the oldest knowledge is dropped (they then fail closed). */
    private static final int MAX_NAMES = 1_000;

    static final StatementLineage NOT_FOLLOWED = StatementLineage.unknown("the gateway does not know which statement this result answers");

    private final PostgresSqlAnalyzer analyzer;
    private final Executor loop;
    private final Map<String, StatementLineage> cursors = new HashMap<>();
    private final Map<String, StatementLineage> prepared = new HashMap<>();
    /** The last analysis this session waited for: kept here too, the shared cache may not keep it (long texts). */
    private String lastSql;
    private SqlAnalysis lastAnalysis;
    private boolean pending;
    private final TargetCatalog catalog;
    private final Connection connection;
    /** The lineage of the target's views; null until read (or after DDL). */
    private ViewLineages views;
    private boolean viewsPending;

    /** @param analyzer null when the gateway has none: every result's lineage is then unknown (fail closed) */
    ResultLineage(PostgresSqlAnalyzer analyzer, Executor loop, TargetCatalog catalog, Connection connection) {
        this.analyzer = analyzer;
        this.loop = loop;
        this.catalog = catalog;
        this.connection = connection;
    }

    /**
     * The lineage of the target's views, or null while their definitions are read and parsed
     * ({@code resumed} then runs on the loop). A catalog that cannot be read yields lineage that
     * is unknown everywhere (fail closed), and is asked again at the next result.
     */
    ViewLineages views(Runnable resumed) {
        if (views != null) {
            return views;
        }
        if (catalog == null || analyzer == null) {
            views = ViewLineages.NONE;
            return views;
        }
        if (viewsPending) {
            return null;
        }
        viewsPending = true;
        CompletableFuture<Map<String, String>> definitions;
        try {
            definitions = catalog.views(connection).toCompletableFuture();
        } catch (RuntimeException e) {
            definitions = CompletableFuture.failedFuture(e);
        }
        boolean[] waiting = {false};
        definitions.thenCompose(this::parse).whenComplete((parsed, error) -> loop.execute(() -> {
            viewsPending = false;
            if (error != null) {
                LOG.log(Level.WARNING, "the view definitions of connection " + connection.name()
                        + " could not be read: results that depend on lineage fail closed", error);
            }
            views = error != null ? ViewLineages.unreadable("the target's view definitions could not be read") : parsed;
            if (waiting[0]) {
                resumed.run();
                if (error != null) {
                    views = null; // try again for the next result
                }
            }
        }));
        if (viewsPending) {
            waiting[0] = true;
            return null;
        }
        ViewLineages known = views;
        if (known != null && !known.isEmpty() && error(known)) {
            views = null;
        }
        return known;
    }

    private static boolean error(ViewLineages views) {
        return views.unreadableReason() != null;
    }

    /** DDL passed: view definitions may have changed. */
    void invalidateViews() {
        if (!viewsPending) {
            views = null;
        }
    }

    private CompletableFuture<ViewLineages> parse(Map<String, String> definitions) {
        Map<String, CompletableFuture<SqlAnalysis>> parsing = new HashMap<>();
        definitions.forEach((name, sql) -> parsing.put(name, analyzer.analyze(sql)));
        return CompletableFuture.allOf(parsing.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, List<ColumnLineage>> lineages = new HashMap<>();
            parsing.forEach((name, analysis) -> {
                SqlAnalysis parsed = analysis.join();
                StatementLineage lineage = parsed.parsed() && parsed.statements().size() == 1 ? parsed.statements().get(0).lineage()
                        : StatementLineage.unknown("view " + name + " could not be parsed");
                lineages.put(name, lineage.known() ? lineage.columns()
                        : List.of(new ColumnLineage("?column?", ColumnLineage.Kind.DERIVED, java.util.Set.of(), List.of(), true, true)));
            });
            return ViewLineages.of(lineages);
        });
    }

    /** A client statement on its way to the target: parse it now, and learn the cursors and prepared statements it declares. */
    void clientSent(FramedMessage message) {
        String sql = switch (message) {
            case Query query -> query.sql();
            case Parse parse -> parse.query();
            default -> null;
        };
        if (sql == null || analyzer == null) {
            return;
        }
        SqlAnalysis cached = analyzer.cached(sql);
        if (cached != null) {
            learn(cached, Integer.MAX_VALUE);
            return;
        }
        analyzer.analyze(sql).thenAccept(analysis -> loop.execute(() -> learn(analysis, Integer.MAX_VALUE)));
    }

    /**
     * The lineage of statement {@code index} of {@code sql}, or null while it is being parsed
     * ({@code resumed} then runs on the loop when it is done).
     *
     * @param answering null when the result's statement is not known
     */
    StatementLineage lineage(PostgresStatements.Answering answering, Runnable resumed) {
        if (answering == null || analyzer == null) {
            return NOT_FOLLOWED;
        }
        SqlAnalysis analysis = answering.sql().equals(lastSql) ? lastAnalysis : analyzer.cached(answering.sql());
        if (analysis == null) {
            if (pending) {
                return null;
            }
            pending = true;
            String sql = answering.sql();
            boolean[] waiting = {false};
            analyzer.analyze(sql).whenComplete((done, error) -> loop.execute(() -> {
                pending = false;
                lastSql = sql;
                lastAnalysis = error == null ? done : SqlAnalysis.unparseable("the gateway's parser failed", 0);
                if (waiting[0]) {
                    resumed.run(); // only once the caller holds the result: an answer on the spot is used at once
                }
            }));
            if (pending) {
                waiting[0] = true;
                return null;
            }
            analysis = lastAnalysis;
        }
        List<AnalyzedStatement> statements = analysis.statements();
        if (!analysis.parsed() || answering.statement() >= statements.size()) {
            return StatementLineage.unknown("the gateway could not parse the statement this result answers");
        }
        learn(analysis, answering.statement());
        StatementLineage lineage = statements.get(answering.statement()).lineage();
        if (lineage.fetches() != null) {
            return cursors.getOrDefault(lineage.fetches(),
                    StatementLineage.unknown("cursor " + lineage.fetches() + " was declared where the gateway could not follow it"));
        }
        if (lineage.executes() != null) {
            return prepared.getOrDefault(lineage.executes(),
                    StatementLineage.unknown("prepared statement " + lineage.executes() + " was prepared where the gateway could not follow it"));
        }
        return lineage;
    }

    /** Remembers the cursors and prepared statements declared by the statements before {@code upTo}. */
    private void learn(SqlAnalysis analysis, int upTo) {
        List<AnalyzedStatement> statements = analysis.statements();
        for (int i = 0; i < statements.size() && i < upTo; i++) {
            StatementLineage lineage = statements.get(i).lineage();
            if (lineage.cursor() != null) {
                remember(cursors, lineage.cursor(), lineage);
            }
            if (lineage.prepared() != null) {
                remember(prepared, lineage.prepared(), lineage);
            }
        }
    }

    private static void remember(Map<String, StatementLineage> names, String name, StatementLineage lineage) {
        if (names.size() >= MAX_NAMES && !names.containsKey(name)) {
            names.clear();
        }
        names.put(name, lineage);
    }
}
