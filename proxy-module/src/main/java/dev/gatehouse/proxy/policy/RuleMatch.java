package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conditions of a rule; all that are set must hold. The statement conditions ({@code
 * statements}, {@code tables}, {@code unboundedWritesOnly}) must hold for one and the same
 * operation, so "DELETE on payments.*" does not match a DELETE elsewhere that merely reads
 * payments.
 *
 * @param statements          statement classes (empty: any); with {@code exceptStatements}, the
 *                            rule matches an operation whose class is <em>not</em> listed
 * @param tables              relations the operation touches (empty: any)
 * @param unboundedWritesOnly only UPDATE or DELETE without a real WHERE clause
 * @param functions           the statement calls one of these, anywhere (empty: no condition)
 * @param serverSideCopy      only COPY to or from a program or a server file
 * @param window              when the rule applies (null: always)
 */
public record RuleMatch(Set<StatementSelector> statements, boolean exceptStatements, List<TablePattern> tables,
        boolean unboundedWritesOnly, Set<String> functions, boolean serverSideCopy, IdentityCondition identity,
        TimeWindow window) {

    public RuleMatch {
        statements = statements == null ? Set.of() : Set.copyOf(statements);
        tables = tables == null ? List.of() : List.copyOf(tables);
        functions = functions == null ? Set.of()
                : functions.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        identity = identity == null ? IdentityCondition.ANYONE : identity;
    }

    /** A rule with no condition at all would match everything by accident: refused at save. */
    public boolean isEmpty() {
        return statements.isEmpty() && !exceptStatements && tables.isEmpty() && !unboundedWritesOnly
                && functions.isEmpty() && !serverSideCopy && identity.isAnyone() && window == null;
    }

    boolean matches(AnalyzedStatement statement, Identity who, Instant at) {
        return matches(statement, who, at, SchemaScope.UNKNOWN, false);
    }

    /** @param allowing the rule lets statements through: see {@link TablePattern#matches(dev.gatehouse.proxy.sql.TableRef, SchemaScope, boolean)} */
    boolean matches(AnalyzedStatement statement, Identity who, Instant at, SchemaScope scope, boolean allowing) {
        if (!identity.matches(who) || window != null && !window.applies(at)) {
            return false;
        }
        if (serverSideCopy && !statement.serverSideCopy()) {
            return false;
        }
        if (!functions.isEmpty() && !callsOneOf(statement)) {
            return false;
        }
        if (statements.isEmpty() && !exceptStatements && tables.isEmpty() && !unboundedWritesOnly) {
            return true; // no operation condition
        }
        // Evaluated for every statement on the data path: plain loops, no streams.
        for (Operation operation : statement.operations()) {
            if (matches(operation, scope, allowing)) {
                return true;
            }
        }
        return false;
    }

    private boolean callsOneOf(AnalyzedStatement statement) {
        for (String function : statement.functions()) {
            if (functions.contains(function)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Operation operation, SchemaScope scope, boolean allowing) {
        boolean listed = false;
        for (StatementSelector selector : statements) {
            listed |= selector.matches(operation);
        }
        if (exceptStatements ? listed : !statements.isEmpty() && !listed) {
            return false;
        }
        if (!tables.isEmpty() && !touchesListedTable(operation, scope, allowing)) {
            return false;
        }
        return !unboundedWritesOnly || operation.unboundedWrite();
    }

    private boolean touchesListedTable(Operation operation, SchemaScope scope, boolean allowing) {
        for (var table : operation.tables()) {
            for (TablePattern pattern : tables) {
                if (pattern.matches(table, scope, allowing)) {
                    return true;
                }
            }
        }
        return false;
    }
}
