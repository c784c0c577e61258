package dev.gatehouse.bench.mysqlparsers;

import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.mysql.MySqlAnalysis;
import dev.gatehouse.proxy.sql.mysql.MySqlReading;
import dev.gatehouse.proxy.sql.mysql.MySqlSqlAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What guardrails run (proxy-module's sql.mysql): the gateway's own scanner cuts the string, expands
 * executable comments for the target's version and follows sql_mode; Druid classifies each
 * canonical statement. It is told the session's mode, as the session will know it. Sessions whose
 * client character set is multi-byte (gbk, sjis, big5) cannot exist behind the gateway, which
 * refuses the change: those strings count as refused.
 */
final class GatehouseCandidate implements Candidate {

    private static final MySqlReading MARIADB = new MySqlReading(false, false, 101119, true);

    @Override
    public String name() {
        return "gatehouse";
    }

    @Override
    public Outcome parse(String sql, String mode) {
        MySqlReading reading = switch (mode) {
            case "-" -> MARIADB;
            case "ansi_quotes", "ansi" -> MARIADB.withSqlModeFlags(true, false);
            case "no_backslash_escapes" -> MARIADB.withSqlModeFlags(false, true);
            default -> null;
        };
        if (reading == null) {
            return Outcome.refused("client character set " + mode + " is refused by the gateway");
        }
        MySqlAnalysis analysis = MySqlSqlAnalyzer.read(sql, reading);
        if (analysis.pinnedRefusal() != null) {
            return Outcome.refused(analysis.pinnedRefusal());
        }
        if (!analysis.analysis().parsed()) {
            return Outcome.refused(analysis.analysis().parseError());
        }
        List<String> kinds = new ArrayList<>();
        for (AnalyzedStatement statement : analysis.analysis().statements()) {
            kinds.add(kind(statement));
        }
        return Outcome.parsed(kinds);
    }

    /** The guardrail class in the bench's coarse vocabulary; MySQL's own commands by their first words. */
    private static String kind(AnalyzedStatement statement) {
        String text = statement.text().toUpperCase(Locale.ROOT);
        for (String own : List.of("HANDLER", "KILL", "USE", "EXECUTE IMMEDIATE")) {
            if (text.startsWith(own + " ")) {
                return own.equals("EXECUTE IMMEDIATE") ? "EXECUTE" : own;
            }
        }
        return switch (statement.statementClass()) {
            case COPY -> "LOAD";
            case EXPLAIN -> Kinds.EXPLAIN;
            default -> statement.statementClass().name();
        };
    }
}
