package dev.gatehouse.proxy.sql.mysql;

import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementAnalyzer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads MySQL and MariaDB query strings as the target will (docs/adr/0023) and caches the result by
 * reading and text. A statement's meaning depends on the session's reading (sql_mode, the server's
 * version), so sessions use a {@link #forReading view} bound to theirs, which is the
 * protocol-neutral {@link StatementAnalyzer} guardrails take.
 *
 * <p>Whatever goes wrong inside the reading yields an unparseable analysis, never an exception and
 * never "allowed": guardrails then fail closed.
 */
public final class MySqlSqlAnalyzer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MySqlSqlAnalyzer.class.getName());

    static final int MAX_QUEUED = 1_000;
    static final int MAX_CACHED_CHARS = 32 * 1024;
    static final String OVERLOADED = "the gateway's SQL parser is overloaded; retry the statement";
    static final String PARSER_FAILED = "the gateway's SQL parser failed on this statement";

    private record Key(MySqlReading reading, String sql) {
    }

    private final ExecutorService parsers;
    private final Map<Key, MySqlAnalysis> cache = new ConcurrentHashMap<>();
    private final int cacheEntries;

    public MySqlSqlAnalyzer(int threads, int cacheEntries, ThreadFactory threadFactory) {
        this.parsers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), threadFactory);
        this.cacheEntries = cacheEntries;
        parsers.execute(() -> read("SELECT 1", MySqlReading.MARIADB_10_11)); // load the parser's classes before the first statement
    }

    /** Two daemon threads and a 10,000-string cache. */
    public static MySqlSqlAnalyzer withDefaults() {
        AtomicInteger count = new AtomicInteger();
        return new MySqlSqlAnalyzer(2, 10_000, task -> {
            Thread thread = new Thread(task, "gatehouse-mysql-parser-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The cached reading of this text, or null. Cheap enough for an event loop. */
    public MySqlAnalysis cached(String sql, MySqlReading reading) {
        return cache.get(new Key(reading, sql));
    }

    /** The reading of this text: from the cache, or read on a parser thread. */
    public CompletableFuture<MySqlAnalysis> analyze(String sql, MySqlReading reading) {
        MySqlAnalysis known = cached(sql, reading);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                MySqlAnalysis analysis = read(sql, reading);
                if (!PARSER_FAILED.equals(analysis.analysis().parseError()) && sql.length() <= MAX_CACHED_CHARS) {
                    if (cache.size() >= cacheEntries) {
                        evictSome();
                    }
                    cache.put(new Key(reading, sql), analysis);
                }
                return analysis;
            }, parsers);
        } catch (RejectedExecutionException rejected) {
            return CompletableFuture.completedFuture(new MySqlAnalysis(SqlAnalysis.unparseable(OVERLOADED, 0), reading, null));
        }
    }

    /** For callers that may block (the dry-run endpoint, tests). */
    public MySqlAnalysis analyzeNow(String sql, MySqlReading reading) {
        return analyze(sql, reading).join();
    }

    /** This analyzer as guardrails see it, for a session whose statements are read this way. */
    public StatementAnalyzer forReading(MySqlReading reading) {
        return new StatementAnalyzer() {
            @Override
            public SqlAnalysis cached(String sql) {
                MySqlAnalysis analysis = MySqlSqlAnalyzer.this.cached(sql, reading);
                return analysis == null ? null : analysis.analysis();
            }

            @Override
            public CompletableFuture<SqlAnalysis> analyze(String sql) {
                return MySqlSqlAnalyzer.this.analyze(sql, reading).thenApply(MySqlAnalysis::analysis);
            }
        };
    }

    /** Reads a string on the caller's thread, without the cache (benchmarks, tests, the dry run). */
    public static MySqlAnalysis read(String sql, MySqlReading reading) {
        try {
            return MySqlStatements.analyze(sql, reading);
        } catch (RuntimeException | StackOverflowError failure) {
            LOG.log(Level.WARNING, "the MySQL SQL parser failed on a statement of " + sql.length() + " characters", failure);
            return new MySqlAnalysis(SqlAnalysis.unparseable(PARSER_FAILED, 0), reading, null);
        }
    }

    private void evictSome() {
        int toDrop = Math.max(1, cacheEntries / 10);
        Iterator<Key> keys = cache.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    @Override
    public void close() {
        parsers.shutdownNow();
    }
}
