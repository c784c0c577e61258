package dev.gatehouse.proxy.sql;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
public final class PostgresSqlAnalyzer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresSqlAnalyzer.class.getName());

    static final String PARSER_FAILED = "the gateway's SQL parser failed on this statement";

    /** Statements longer than this are parsed each time rather than kept. */
    static final int MAX_CACHED_CHARS = 32 * 1024;

    private final ExecutorService parsers;
    private final ThreadLocal<PgQueryParser> parser = new ThreadLocal<>();
    private final Map<String, SqlAnalysis> cache = new ConcurrentHashMap<>();
    private final int cacheEntries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public PostgresSqlAnalyzer(int threads, int cacheEntries, ThreadFactory threadFactory) {
        this.parsers = Executors.newFixedThreadPool(threads, threadFactory);
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
    public SqlAnalysis cached(String sql) {
        SqlAnalysis analysis = cache.get(sql);
        if (analysis != null) {
            hits.increment();
        }
        return analysis;
    }

    /** The analysis of this text: from the cache, or parsed on a parser thread. */
    public CompletableFuture<SqlAnalysis> analyze(String sql) {
        SqlAnalysis known = cached(sql);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        misses.increment();
        try {
            return CompletableFuture.supplyAsync(() -> {
                SqlAnalysis analysis = parse(sql);
                // A failure of the parser itself may not recur: only PostgreSQL's own verdicts are kept.
                return PARSER_FAILED.equals(analysis.parseError()) ? analysis : remember(sql, analysis);
            }, parsers);
        } catch (RuntimeException rejected) {
            return CompletableFuture.completedFuture(SqlAnalysis.unparseable("the SQL parser is shut down", 0));
        }
    }

    /** For callers that may block (the dry-run endpoint, tests). */
    public SqlAnalysis analyzeNow(String sql) {
        return analyze(sql).join();
    }

    public long cacheHits() {
        return hits.sum();
    }

    public long cacheMisses() {
        return misses.sum();
    }

    private SqlAnalysis remember(String sql, SqlAnalysis analysis) {
        if (sql.length() <= MAX_CACHED_CHARS) {
            if (cache.size() >= cacheEntries) {
                evictSome();
            }
            cache.put(sql, analysis);
        }
        return analysis;
    }

    /** Drops about a tenth of the entries; which ones matters little next to a parse. */
    private void evictSome() {
        int toDrop = Math.max(1, cacheEntries / 10);
        Iterator<String> keys = cache.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private SqlAnalysis parse(String sql) {
        if (sql.isEmpty()) {
            // PostgreSQL answers an empty query string with EmptyQueryResponse (drivers send one to test a
            // connection); the WebAssembly module returns no result at all for it.
            return SqlAnalysis.of(List.of());
        }
        try {
            PgQueryParser own = parser.get();
            if (own == null) {
                own = new PgQueryParser(PgQueryModule.shared());
                parser.set(own);
            }
            return SqlAnalyzer.analyze(sql, own.parse(sql));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
            parser.remove(); // its memory may be in any state: the next parse gets a fresh instance
            LOG.log(Level.WARNING, "the SQL parser failed on a statement of " + sql.length() + " characters", failure);
            return SqlAnalysis.unparseable(PARSER_FAILED, 0);
        }
    }

    @Override
    public void close() {
        parsers.shutdownNow();
    }
}
