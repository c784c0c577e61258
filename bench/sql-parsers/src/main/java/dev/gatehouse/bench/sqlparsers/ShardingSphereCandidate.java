package dev.gatehouse.bench.sqlparsers;

import java.util.List;
import java.util.Map;
import org.apache.shardingsphere.sql.parser.api.CacheOption;
import org.apache.shardingsphere.sql.parser.api.SQLParserEngine;
import org.apache.shardingsphere.sql.parser.api.SQLStatementVisitorEngine;
import org.apache.shardingsphere.sql.parser.core.ParseASTNode;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;

/**
 * Apache ShardingSphere 5.5.2's PostgreSQL parser (ANTLR 4 grammar) plus its statement visitor, which
 * is what ShardingSphere itself runs to classify a statement. The engine's parse-tree cache is off so
 * every call parses. It parses one statement per call: there is no multi-statement entry point.
 */
final class ShardingSphereCandidate implements Candidate {

    private static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("Truncate", "TRUNCATE TABLE"),
            Map.entry("Lock", "LOCK TABLE"),
            Map.entry("BeginTransaction", "BEGIN"),
            Map.entry("ReleaseSavepoint", "RELEASE"),
            Map.entry("ResetParameter", "RESET"),
            Map.entry("SetTransaction", "SET"),
            Map.entry("AnalyzeTable", "ANALYZE"),
            Map.entry("AlterUser", "ALTER ROLE"),
            Map.entry("CreateUser", "CREATE ROLE"),
            Map.entry("DropUser", "DROP ROLE"),
            Map.entry("NotifyStmt", "NOTIFY"),
            Map.entry("RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW"),
            Map.entry("SecurityLabelStmt", "SECURITY LABEL"),
            Map.entry("Declare", "DECLARE CURSOR"),
            Map.entry("Empty", "EMPTY"));

    private final SQLParserEngine parser = new SQLParserEngine("PostgreSQL", new CacheOption(16, 16));
    private final SQLStatementVisitorEngine visitor = new SQLStatementVisitorEngine("PostgreSQL");

    @Override
    public String name() {
        return "shardingsphere";
    }

    @Override
    public Outcome parse(String sql) {
        SQLStatement statement;
        try {
            ParseASTNode tree = parser.parse(sql, false);
            statement = visitor.visit(tree);
        } catch (Exception | Error e) {
            return Outcome.refused(JSqlParserCandidate.firstLine(e));
        }
        if (statement == null) {
            return Outcome.refused("visitor returned no statement");
        }
        if (statement instanceof SelectStatement select && select.getIntoSegment().isPresent()) {
            return Outcome.parsed(List.of("SELECT INTO"));
        }
        String kind = Kinds.fromCamelCase(statement.getClass().getSimpleName(), "PostgreSQL", "Statement", OVERRIDES);
        return Outcome.parsed(kind.equals("EMPTY") ? List.of() : List.of(kind));
    }
}
