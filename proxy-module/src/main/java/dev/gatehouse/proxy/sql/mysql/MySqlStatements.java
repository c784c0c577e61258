package dev.gatehouse.proxy.sql.mysql;

import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * One query string (a COM_QUERY, which may hold several statements) read as the target will read
 * it: cut by {@link MySqlScanner}, compound statements joined, each statement classified by
 * {@link StatementReader}, and the reading carried from one statement to the next, since the target
 * reads the rest of a string under an sql_mode that an earlier statement of it set.
 */
final class MySqlStatements {

    static final String PREFIX = "the gateway cannot read this as ";

    private MySqlStatements() {
    }

    static MySqlAnalysis analyze(String sql, MySqlReading reading) {
        return analyzeNested(sql, reading, 0);
    }

    /** A string inside a statement (PREPARE ... FROM 'text', EXECUTE IMMEDIATE 'text'), {@code depth} levels down. */
    static MySqlAnalysis analyzeNested(String sql, MySqlReading reading, int depth) {
        List<AnalyzedStatement> statements = new ArrayList<>();
        MySqlReading current = reading;
        String rest = sql;
        boolean sawEmpty = false;
        restart:
        while (true) {
            MySqlScanner.Scan scan = MySqlScanner.scan(rest, current);
            if (scan.failed()) {
                return unreadable(scan.error(), reading);
            }
            CompoundStatements.Joined joined = CompoundStatements.join(rest, scan.pieces());
            if (joined.error() != null) {
                return unreadable(joined.error(), reading);
            }
            for (MySqlScanner.Piece piece : joined.statements()) {
                if (piece.empty()) {
                    sawEmpty = true;
                    continue;
                }
                if (sawEmpty) {
                    // The target refuses an empty statement followed by another (SELECT 1;;SELECT 2): so does the gateway.
                    return unreadable("an empty statement between two semicolons", reading);
                }
                ReadingChanges.Outcome change = ReadingChanges.of(piece.tokens(), current);
                if (change.refusal() != null) {
                    return new MySqlAnalysis(SqlAnalysis.unparseable(change.refusal(), 0), reading, change.refusal());
                }
                StatementReader.Result result = StatementReader.read(piece, current, depth);
                if (result.error() != null) {
                    return unreadable(result.error(), reading);
                }
                statements.add(result.statement());
                if (!change.after().equals(current)) {
                    // The target reads the rest of the string under the new sql_mode: so must the gateway.
                    current = change.after();
                    rest = rest.substring(piece.end());
                    continue restart;
                }
            }
            return new MySqlAnalysis(SqlAnalysis.of(statements), current, null);
        }
    }

    private static MySqlAnalysis unreadable(String why, MySqlReading reading) {
        return new MySqlAnalysis(SqlAnalysis.unparseable(PREFIX + (reading.mariaDb() ? "MariaDB" : "MySQL") + " reads it: " + why, 0),
                reading, null);
    }
}
