package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.proxy.sql.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL-level prepared statements: what {@code EXECUTE name} will run. */
final class PreparedStatements {

    private PreparedStatements() {
    }

    /** A PREPARE statement reduced to the statement it prepares (its operations minus PREPARE itself). */
    static AnalyzedStatement body(AnalyzedStatement prepare) {
        List<Operation> prepared = prepare.operations().subList(1, prepare.operations().size());
        return new AnalyzedStatement(prepare.text(), prepared.isEmpty() ? List.of(Operation.of(StatementClass.OTHER)) : prepared,
                prepare.functions(), prepare.serverSideCopy(), prepare.opaqueCode(), prepare.preparedName(), prepare.effects());
    }

    /** A statement that runs a prepared one inside it (EXPLAIN ANALYZE EXECUTE p): its own operations plus the body's. */
    static AnalyzedStatement runningBody(AnalyzedStatement statement, AnalyzedStatement body) {
        List<Operation> operations = new ArrayList<>(statement.operations());
        operations.addAll(body.operations());
        Set<String> functions = new HashSet<>(statement.functions());
        functions.addAll(body.functions());
        return new AnalyzedStatement(statement.text(), operations, functions, statement.serverSideCopy() || body.serverSideCopy(),
                statement.opaqueCode() || body.opaqueCode(), statement.preparedName(),
                statement.effects().none() ? body.effects() : statement.effects());
    }

    /**
     * The session's prepared statements plus those prepared earlier in the same query string, as
     * of {@code statement}: {@code PREPARE p AS ...; EXECUTE p} is judged as one string.
     */
    static Map<String, AnalyzedStatement> withEarlier(Map<String, AnalyzedStatement> session, AnalyzedStatement statement,
            Map<String, AnalyzedStatement> earlierInString) {
        if (statement.statementClass() == StatementClass.PREPARE && statement.preparedName() != null) {
            earlierInString.put(statement.preparedName(), body(statement));
        }
        if (earlierInString.isEmpty()) {
            return session;
        }
        Map<String, AnalyzedStatement> merged = new HashMap<>(session);
        merged.putAll(earlierInString);
        return merged;
    }
}
