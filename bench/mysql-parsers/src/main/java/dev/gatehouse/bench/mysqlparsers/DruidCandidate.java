package dev.gatehouse.bench.mysqlparsers;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import java.util.ArrayList;
import java.util.List;

/** Alibaba Druid 1.2.27's MySQL statement parser (hand-written recursive descent), {@code parseStatementList()}. */
final class DruidCandidate implements Candidate {

    @Override
    public String name() {
        return "druid";
    }

    @Override
    public Outcome parse(String sql, String mode) {
        List<SQLStatement> statements;
        try {
            statements = new MySqlStatementParser(sql).parseStatementList();
        } catch (Exception | Error e) {
            return Outcome.refused(JSqlParserCandidate.firstLine(e));
        }
        List<String> kinds = new ArrayList<>();
        for (SQLStatement statement : statements) {
            String name = statement.getClass().getSimpleName();
            if (name.equals("SQLEmptyStatement")) {
                continue;
            }
            kinds.add(Kinds.ofClassName(name));
        }
        return Outcome.parsed(kinds);
    }
}
