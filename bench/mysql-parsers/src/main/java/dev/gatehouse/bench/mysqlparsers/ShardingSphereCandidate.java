package dev.gatehouse.bench.mysqlparsers;

import java.util.List;
import org.apache.shardingsphere.sql.parser.api.CacheOption;
import org.apache.shardingsphere.sql.parser.api.SQLParserEngine;
import org.apache.shardingsphere.sql.parser.api.SQLStatementVisitorEngine;
import org.apache.shardingsphere.sql.parser.core.ParseASTNode;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;

/**
 * Apache ShardingSphere 5.5.2's MySQL parser ({@code shardingsphere-parser-sql-mysql}, ANTLR 4 grammar)
 * plus its statement visitor, as ShardingSphere classifies statements. It has no multi-statement
 * entry point: the whole string is one parse.
 */
final class ShardingSphereCandidate implements Candidate {

    private final SQLParserEngine parser = new SQLParserEngine("MySQL", new CacheOption(16, 16));
    private final SQLStatementVisitorEngine visitor = new SQLStatementVisitorEngine("MySQL");

    @Override
    public String name() {
        return "shardingsphere";
    }

    @Override
    public Outcome parse(String sql, String mode) {
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
        String name = statement.getClass().getSimpleName();
        return Outcome.parsed(name.contains("Empty") ? List.of() : List.of(Kinds.ofClassName(name)));
    }
}
