package dev.gatehouse.bench.mysqlparsers;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * JSqlParser 5.3, a generic multi-dialect parser, as {@code CCJSqlParserUtil.parseStatements} runs it
 * (a simple pass, then a retry allowing complex parsing) on the calling thread.
 */
final class JSqlParserCandidate implements Candidate {

    @Override
    public String name() {
        return "jsqlparser";
    }

    @Override
    public Outcome parse(String sql, String mode) {
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
            kinds.add(Kinds.ofClassName(s.getClass().getSimpleName()));
        }
        return Outcome.parsed(kinds);
    }

    private static Statements parse(String sql, boolean complex) throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex).withUnsupportedStatements(false);
        return parser.Statements();
    }

    static String firstLine(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
