package dev.gatehouse.proxy.sql;

import java.util.List;
import java.util.Set;

/**
 * One statement of a query string, as PostgreSQL's parser saw it, reduced to what guardrails
 * decide on.
 *
 * @param text            the statement's own text, sliced from the query string
 * @param operations      what it does, the statement itself first, then what it contains
 * @param functions       every function it calls, anywhere, lower-cased as PostgreSQL resolved
 *                        the spelling, without schema; also every name selected with
 *                        {@code (expr).name}, which PostgreSQL may run as {@code name(expr)}
 * @param serverSideCopy  COPY to or from a program or a file on the database server
 * @param opaqueCode      it runs procedural code the gateway cannot read (a {@code DO} block)
 * @param preparedName    for PREPARE and EXECUTE: the SQL-level prepared statement's name; also
 *                        for a statement that runs one ({@code EXPLAIN ANALYZE EXECUTE p},
 *                        {@code CREATE TABLE t AS EXECUTE p})
 * @param effects         what it does to pinned and tracked session settings (docs/adr/0016)
 * @param lineage         where its output columns come from (docs/adr/0018); unknown when not computed
 */
public record AnalyzedStatement(String text, List<Operation> operations, Set<String> functions,
        boolean serverSideCopy, boolean opaqueCode, String preparedName, SessionEffects effects, StatementLineage lineage) {

    public AnalyzedStatement {
        operations = List.copyOf(operations);
        functions = Set.copyOf(functions);
        effects = effects == null ? SessionEffects.NONE : effects;
        lineage = lineage == null ? StatementLineage.unknown("the statement's columns were not followed") : lineage;
    }

    public AnalyzedStatement(String text, List<Operation> operations, Set<String> functions,
            boolean serverSideCopy, boolean opaqueCode, String preparedName, SessionEffects effects) {
        this(text, operations, functions, serverSideCopy, opaqueCode, preparedName, effects, null);
    }

    /** A statement that leaves the session's settings alone. */
    public AnalyzedStatement(String text, List<Operation> operations, Set<String> functions,
            boolean serverSideCopy, boolean opaqueCode, String preparedName) {
        this(text, operations, functions, serverSideCopy, opaqueCode, preparedName, SessionEffects.NONE);
    }

    /** The statement's own class: that of its first operation. */
    public StatementClass statementClass() {
        return operations.get(0).statementClass();
    }
}
