package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import java.util.List;

/**
 * What the data path would decide about a query string, and why: the decision for the whole
 * string (the strictest of its statements), and each statement as the parser saw it with the
 * decision it alone would get.
 *
 * @param ruleCount the number of rules in force on the connection (0: guardrails are off there)
 */
public record DryRunResult(String connection, int ruleCount, boolean allowUnparseable, Decision decision, SqlAnalysis analysis,
        List<StatementVerdict> statements) {

    public record StatementVerdict(AnalyzedStatement statement, Decision decision) {
    }
}
