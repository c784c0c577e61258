package dev.gatehouse.proxy.sql;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parses PostgreSQL statement text with PostgreSQL's own parser and caches the analysis by text,
 * so a prepared statement or a repeated query is parsed once.
 *
 * <p>A cold parse costs a millisecond or more, so it never runs on an event loop: callers take the
 * {@link #cached} fast path and otherwise get a future completed by the parser threads, each of
 * which owns one parser instance.
 *
 * <p>Whatever goes wrong inside the parser (a trap, exhausted memory) yields an unparseable
 * analysis, never an exception and never "allowed": guardrails then fail closed.
 */
public final class PostgresSqlAnalyzer implements StatementAnalyzer, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresSqlAnalyzer.class.getName());

    /** Parses waiting for a parser thread; beyond this, statements are refused. */
    static final int MAX_QUEUED_PARSES = 1_000;

    static final String OVERLOADED = "the gateway's SQL parser is overloaded; retry the statement";

    /** A parser whose memory grew past this is replaced after the parse. */
    static final long RETAINED_MEMORY_BYTES = 64L * 1024 * 1024; // ordinary statements settle at 32 MiB

    static final String PARSER_FAILED = "the gateway's SQL parser failed on this statement";

    /** Statements longer than this are parsed each time rather than kept. */
    static final int MAX_CACHED_CHARS = 32 * 1024;

    private final ExecutorService parsers;
    private final ThreadLocal<PgQueryParser> parser = new ThreadLocal<>();
    private final Map<String, SqlAnalysis> cache = new ConcurrentHashMap<>();
    /** By {@link StatementShape}: the same statement with other literals. */
    private final Map<String, SqlAnalysis> shapes = new ConcurrentHashMap<>();
    private final int cacheEntries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public PostgresSqlAnalyzer(int threads, int cacheEntries, ThreadFactory threadFactory) {
        // Bounded: under a flood of new statements, refusing some (fail closed) beats queueing without end.
        this.parsers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_PARSES), threadFactory);
        this.cacheEntries = cacheEntries;
        for (int i = 0; i < threads; i++) {
            parsers.execute(() -> parse("SELECT 1")); // load and compile the module before the first real statement
        }
    }

    /** Two daemon parser threads and a 10,000-statement cache. */
    public static PostgresSqlAnalyzer withDefaults() {
        AtomicInteger count = new AtomicInteger();
        return new PostgresSqlAnalyzer(2, 10_000, task -> {
            Thread thread = new Thread(task, "gatehouse-sql-parser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The cached analysis of this exact text, or null. Cheap enough for an event loop. */
    @Override
    public SqlAnalysis cached(String sql) {
        SqlAnalysis analysis = cache.get(sql);
        if (analysis == null) {
            String shape = StatementShape.of(sql);
            analysis = shape == null ? null : shapes.get(shape);
        }
        if (analysis != null) {
            hits.increment();
        }
        return analysis;
    }

    /** The analysis of this text: from the cache, or parsed on a parser thread. */
    @Override
    public CompletableFuture<SqlAnalysis> analyze(String sql) {
        SqlAnalysis known = cached(sql);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        misses.increment();
        try {
            return CompletableFuture.supplyAsync(() -> {
                SqlAnalyzer.Outcome outcome = parse(sql);
                SqlAnalysis analysis = outcome.analysis();
                // A failure of the parser itself may not recur: only PostgreSQL's own verdicts are kept.
                if (!PARSER_FAILED.equals(analysis.parseError())) {
                    remember(cache, sql, analysis);
                    String shape = outcome.literalSensitive() ? null : StatementShape.of(sql);
                    if (shape != null) {
                        remember(shapes, shape, analysis);
                    }
                }
                return analysis;
            }, parsers);
        } catch (RejectedExecutionException rejected) {
            return CompletableFuture.completedFuture(SqlAnalysis.unparseable(OVERLOADED, 0));
        }
    }

    /** For callers that may block (the dry-run endpoint, tests). */
    @Override
    public SqlAnalysis analyzeNow(String sql) {
        return analyze(sql).join();
    }

    /**
     * PostgreSQL's own reading of this text: libpg_query's JSON parse tree, byte locations included,
     * or {@code error at <position>: <message>}. Two texts of the same length with the same reading
     * differ only in what the parser skips (comments, whitespace). For callers that may block (the
     * approvals inbox compares it with its display, docs/adr/0017); never cached.
     */
    public String parseTreeNow(String sql) {
        if (sql.isEmpty()) {
            return "";
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                PgQueryParser own = parser.get();
                if (own == null) {
                    own = new PgQueryParser(PgQueryModule.shared());
                    parser.set(own);
                }
                PgQueryParser.RawParse raw = own.parse(sql);
                return raw.failed() ? "error at " + raw.errorPosition() + ": " + raw.error() : raw.json();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
                parser.remove();
                throw new IllegalStateException(PARSER_FAILED, failure);
            }
        }, parsers).join();
    }

    public long cacheHits() {
        return hits.sum();
    }

    public long cacheMisses() {
        return misses.sum();
    }

    private void remember(Map<String, SqlAnalysis> into, String key, SqlAnalysis analysis) {
        if (key.length() <= MAX_CACHED_CHARS) {
            if (into.size() >= cacheEntries) {
                evictSome(into);
            }
            into.put(key, analysis);
        }
    }

    /** Drops about a tenth of the entries; which ones matters little next to a parse. */
    private void evictSome(Map<String, SqlAnalysis> from) {
        int toDrop = Math.max(1, cacheEntries / 10);
        Iterator<String> keys = from.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private SqlAnalyzer.Outcome parse(String sql) {
        if (sql.isEmpty()) {
            // PostgreSQL answers an empty query string with EmptyQueryResponse (drivers send one to test a
            // connection); the WebAssembly module returns no result at all for it.
            return new SqlAnalyzer.Outcome(SqlAnalysis.of(List.of()), false);
        }
        try {
            PgQueryParser own = parser.get();
            if (own == null) {
                own = new PgQueryParser(PgQueryModule.shared());
                parser.set(own);
            }
            SqlAnalyzer.Outcome outcome = SqlAnalyzer.judge(sql, own.parse(sql), own, 0);
            if (own.memoryBytes() > RETAINED_MEMORY_BYTES) {
                parser.remove(); // a huge statement grew it: let the next parse start small again
            }
            return outcome;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
            parser.remove(); // its memory may be in any state: the next parse gets a fresh instance
            LOG.log(Level.WARNING, "the SQL parser failed on a statement of " + sql.length() + " characters", failure);
            return new SqlAnalyzer.Outcome(SqlAnalysis.unparseable(PARSER_FAILED, 0), true);
        }
    }

    @Override
    public void close() {
        parsers.shutdownNow();
    }
}
