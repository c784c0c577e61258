package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides what happens to a query string under a rule set. Deterministic and free of side
 * effects: the same rules, identity, statement, prepared statements and instant give the same
 * decision, which is what lets the dry run show exactly what the data path would do.
 *
 * <p>Every statement of the string is decided; the string as a whole gets the strictest
 * decision (deny, then approval, then alert, then allow), so if one statement is denied none
 * runs.
 */
public final class GuardrailEngine {

    /** The pseudo-rule that refuses what PostgreSQL's parser refuses (fail closed). */
    public static final String UNPARSEABLE = "unparseable-statement";
    /** The pseudo-rule that refuses changes to the settings pinned for the gateway's reading (docs/adr/0016). */
    public static final String PINNED_SETTING = "pinned-session-setting";
    /** The pseudo-rule that refuses EXECUTE of a prepared statement the gateway never saw. */
    public static final String UNKNOWN_PREPARED = "unknown-prepared-statement";

    private GuardrailEngine() {
    }

    /**
     * @param prepared the session's SQL-level prepared statements ({@code PREPARE name AS ...}), by
     *                 name, so that {@code EXECUTE name} is judged by what it runs
     */
    public static Decision decide(RuleSet rules, Identity who, SqlAnalysis analysis,
            Map<String, AnalyzedStatement> prepared, Instant at) {
        return decide(rules, who, analysis, prepared, at, SchemaScope.UNKNOWN, null);
    }

    /**
     * @param scope the schemas the session's unqualified names may resolve in before the string runs;
     *              a statement's search_path change widens it for the statements after it
     * @param user  the connection's database user, for {@code $user} in a search_path
     */
    public static Decision decide(RuleSet rules, Identity who, SqlAnalysis analysis,
            Map<String, AnalyzedStatement> prepared, Instant at, SchemaScope scope, String user) {
        if (!rules.guarded()) {
            return new Decision.Allow(null);
        }
        if (!analysis.parsed()) {
            return rules.allowUnparseable() ? new Decision.AllowAndAlert(UNPARSEABLE)
                    : new Decision.Deny(UNPARSEABLE, "the statement cannot be parsed as PostgreSQL: " + analysis.parseError());
        }
        // Runs for every statement on the data path: plain loops, nothing allocated unless needed.
        Decision chosen = ALLOWED;
        Map<String, AnalyzedStatement> preparedInString = null;
        for (AnalyzedStatement statement : analysis.statements()) {
            Map<String, AnalyzedStatement> visible = prepared;
            if (statement.statementClass() == StatementClass.PREPARE || preparedInString != null) {
                preparedInString = preparedInString == null ? new HashMap<>() : preparedInString;
                visible = PreparedStatements.withEarlier(prepared, statement, preparedInString);
            }
            Decision decision = decide(rules, who, statement, visible, at, scope);
            scope = scope.widenedBy(statement.effects().searchPath(), user);
            if (rank(decision) > rank(chosen) || chosen.rule() == null && rank(decision) == rank(chosen)) {
                chosen = decision;
            }
        }
        return chosen;
    }

    private static final Decision ALLOWED = new Decision.Allow(null);

    static Decision decide(RuleSet rules, Identity who, AnalyzedStatement statement,
            Map<String, AnalyzedStatement> prepared, Instant at, SchemaScope scope) {
        AnalyzedStatement judged = statement;
        boolean runsPrepared = false;
        for (Operation operation : statement.operations()) {
            runsPrepared |= operation.statementClass() == StatementClass.EXECUTE;
        }
        if (runsPrepared) {
            // EXECUTE p, but also EXPLAIN ANALYZE EXECUTE p and CREATE TABLE t AS EXECUTE p: judged by what p runs.
            AnalyzedStatement body = statement.preparedName() == null ? null : prepared.get(statement.preparedName());
            if (body == null) {
                return new Decision.Deny(UNKNOWN_PREPARED, "EXECUTE " + statement.preparedName()
                        + " names a prepared statement the gateway has not seen, so it cannot be checked");
            }
            judged = statement.statementClass() == StatementClass.EXECUTE ? body : PreparedStatements.runningBody(statement, body);
        }
        if (judged.effects().refusedSetting() != null) {
            return new Decision.Deny(PINNED_SETTING, judged.effects().refusal());
        }
        for (GuardrailRule rule : rules.rules()) {
            boolean allowing = rule.action() == RuleAction.ALLOW || rule.action() == RuleAction.ALLOW_AND_ALERT;
            if (rule.match().matches(judged, who, at, scope, allowing)) {
                return decisionOf(rule);
            }
        }
        return ALLOWED;
    }

    private static Decision decisionOf(GuardrailRule rule) {
        String message = rule.message() == null || rule.message().isBlank() ? "this statement is not allowed here" : rule.message();
        return switch (rule.action()) {
            case ALLOW -> new Decision.Allow(rule.name());
            case DENY -> new Decision.Deny(rule.name(), message);
            case REQUIRE_APPROVAL -> new Decision.RequireApproval(rule.name(), rule.approvalChain(), message);
            case ALLOW_AND_ALERT -> new Decision.AllowAndAlert(rule.name());
        };
    }


    private static int rank(Decision decision) {
        return switch (decision) {
            case Decision.Deny deny -> 3;
            case Decision.RequireApproval approval -> 2;
            case Decision.AllowAndAlert alert -> 1;
            case Decision.Allow allow -> 0;
        };
    }
}
