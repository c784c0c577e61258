package dev.gatehouse.proxy.sql;

import java.util.List;

/**
 * What a query string holds: its statements in order, or why PostgreSQL's parser refused it.
 * A refused string has no statements; guardrails treat it as "cannot be understood".
 *
 * @param parseError     PostgreSQL's own syntax error, or null
 * @param errorPosition  1-based character position of the error, 0 when unknown
 */
public record SqlAnalysis(List<AnalyzedStatement> statements, String parseError, int errorPosition) {

    public SqlAnalysis {
        statements = List.copyOf(statements);
    }

    public static SqlAnalysis of(List<AnalyzedStatement> statements) {
        return new SqlAnalysis(statements, null, 0);
    }

    public static SqlAnalysis unparseable(String error, int position) {
        return new SqlAnalysis(List.of(), error, position);
    }

    public boolean parsed() {
        return parseError == null;
    }
}
