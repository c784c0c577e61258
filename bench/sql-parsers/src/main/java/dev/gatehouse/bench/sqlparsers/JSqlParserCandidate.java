package dev.gatehouse.bench.sqlparsers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * JSqlParser 5.3, a generic multi-dialect parser. Parses the way {@code CCJSqlParserUtil.parseStatements}
 * does (a simple pass, then a retry allowing complex parsing) but on the calling thread: the utility
 * method hands every parse to an executor only to enforce a time-out.
 */
final class JSqlParserCandidate implements Candidate {

    private static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("Alter", "ALTER TABLE"),
            Map.entry("RenameTableStatement", "ALTER TABLE"),
            Map.entry("AlterSystemStatement", "ALTER SYSTEM"),
            Map.entry("Truncate", "TRUNCATE TABLE"),
            Map.entry("ResetStatement", "RESET"),
            Map.entry("ShowStatement", "SHOW"),
            Map.entry("ShowTablesStatement", "SHOW"),
            Map.entry("ShowColumnsStatement", "SHOW"),
            Map.entry("RollbackStatement", "ROLLBACK"),
            Map.entry("SavepointStatement", "SAVEPOINT"),
            Map.entry("ExplainStatement", "EXPLAIN"),
            Map.entry("DescribeStatement", "DESCRIBE"),
            Map.entry("RefreshMaterializedViewStatement", "REFRESH MATERIALIZED VIEW"),
            Map.entry("Analyze", "ANALYZE"),
            Map.entry("Block", "BLOCK"),
            Map.entry("DeclareStatement", "DECLARE"));

    @Override
    public String name() {
        return "jsqlparser";
    }

    @Override
    public Outcome parse(String sql) {
        Statements statements;
        try {
            statements = parse(sql, false);
        } catch (Exception | Error first) {
            try {
                statements = parse(sql, true);
            } catch (Exception | Error e) {
                return Outcome.refused(firstLine(e));
            }
        }
        List<String> kinds = new ArrayList<>();
        for (Statement s : statements) {
            if (s instanceof UnsupportedStatement) {
                return Outcome.refused("unsupported statement");
            }
            kinds.add(kind(s));
        }
        return Outcome.parsed(kinds);
    }

    private static Statements parse(String sql, boolean complex) throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                .withAllowComplexParsing(complex)
                .withUnsupportedStatements(false);
        return parser.Statements();
    }

    private static String kind(Statement s) {
        return switch (s) {
            case Select select when select instanceof PlainSelect p && p.getIntoTables() != null -> "SELECT INTO";
            case Select select -> "SELECT";
            case Drop drop -> "DROP " + (drop.isMaterialized() ? "MATERIALIZED " : "") + drop.getType().toUpperCase();
            case CreateTable ct when ct.getSelect() != null -> "CREATE TABLE AS";
            case CreateView cv when cv.isMaterialized() -> "CREATE MATERIALIZED VIEW";
            case Execute e -> e.getExecType() == Execute.ExecType.CALL ? "CALL" : "EXECUTE";
            case Grant g -> g.getRole() != null ? "GRANT ROLE" : "GRANT";
            case SetStatement set -> "SET";
            default -> Kinds.fromCamelCase(s.getClass().getSimpleName(), "", "", OVERRIDES);
        };
    }

    static String firstLine(Throwable e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
