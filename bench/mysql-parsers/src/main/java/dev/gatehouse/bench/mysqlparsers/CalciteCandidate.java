package dev.gatehouse.bench.mysqlparsers;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/** Apache Calcite's Babel parser (the lenient multi-dialect grammar) with MySQL lexing and conformance, {@code parseStmtList()}. */
final class CalciteCandidate implements Candidate {

    private final SqlParser.Config config = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withLex(Lex.MYSQL)
            .withConformance(SqlConformanceEnum.MYSQL_5);

    @Override
    public String name() {
        return "calcite-babel";
    }

    @Override
    public Outcome parse(String sql, String mode) {
        SqlNodeList nodes;
        try {
            nodes = SqlParser.create(sql, config).parseStmtList();
        } catch (Exception | Error e) {
            return Outcome.refused(JSqlParserCandidate.firstLine(e));
        }
        List<String> kinds = new ArrayList<>();
        for (SqlNode node : nodes) {
            kinds.add(Kinds.ofClassName(node.getKind().name()));
        }
        return Outcome.parsed(kinds);
    }
}
