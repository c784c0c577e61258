package dev.gatehouse.proxy.sql;

import java.util.concurrent.CompletableFuture;

/**
 * Statement analysis as guardrails need it, whatever the SQL dialect: the protocol-neutral face of
 * {@link PostgresSqlAnalyzer} and of {@code sql.mysql.MySqlSqlAnalyzer}'s per-session readings.
 * Implementations never throw for bad SQL and never answer "allowed" when they could not read a
 * statement: such text comes back as an unparseable {@link SqlAnalysis} (fail closed).
 */
public interface StatementAnalyzer {

    /** The cached analysis of this exact text, or null. Cheap enough for an event loop. */
    SqlAnalysis cached(String sql);

    /** The analysis of this text: from the cache, or completed later off the caller's thread. */
    CompletableFuture<SqlAnalysis> analyze(String sql);

    /** For callers that may block (the dry-run endpoint, tests). */
    default SqlAnalysis analyzeNow(String sql) {
        return analyze(sql).join();
    }
}
