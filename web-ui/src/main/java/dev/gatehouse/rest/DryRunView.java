package dev.gatehouse.rest;

import dev.gatehouse.guardrails.DryRunResult;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a dry run: the decision for the whole string, and each statement as the parser saw it. */
@Schema(name = "GuardrailDryRun", description = "decision is ALLOW, DENY, REQUIRE_APPROVAL or ALLOW_AND_ALERT for the whole string"
        + " (the strictest of its statements); rule is null when no rule matched; message is what a blocked client would read."
        + " ruleCount 0 means the connection has no guardrails, so the data path would not even parse the statement."
        + " parseError is PostgreSQL's syntax error when the string does not parse.")
public record DryRunView(String connection, String decision, String rule, String message, int ruleCount, boolean allowUnparseable,
        String parseError, int errorPosition, List<StatementView> statements) {

    @Schema(name = "GuardrailDryRunStatement", description = "One statement: its class, what it does (operations, the statement"
            + " itself first), the functions it calls, its flags, and the decision it alone would get")
    public record StatementView(String text, String statementClass, String category, List<OperationView> operations,
            List<String> functions, boolean serverSideCopy, boolean opaqueCode, String preparedName, String decision, String rule,
            String message) {
    }

    @Schema(name = "GuardrailDryRunOperation")
    public record OperationView(String statementClass, String kind, List<String> tables, boolean unboundedWrite) {

        static OperationView of(Operation o) {
            return new OperationView(o.statementClass().name(), o.kind() == null ? null : o.kind().name(),
                    o.tables().stream().map(String::valueOf).toList(), o.unboundedWrite());
        }
    }

    static DryRunView of(DryRunResult result) {
        Decision d = result.decision();
        List<StatementView> statements = result.statements().stream().map(v -> {
            AnalyzedStatement s = v.statement();
            return new StatementView(s.text(), s.statementClass().name(), s.statementClass().category().name(),
                    s.operations().stream().map(OperationView::of).toList(), s.functions().stream().sorted().toList(),
                    s.serverSideCopy(), s.opaqueCode(), s.preparedName(), v.decision().outcome(), v.decision().rule(),
                    messageOf(v.decision()));
        }).toList();
        return new DryRunView(result.connection(), d.outcome(), d.rule(), messageOf(d), result.ruleCount(), result.allowUnparseable(),
                result.analysis().parseError(), result.analysis().errorPosition(), statements);
    }

    static String messageOf(Decision decision) {
        return switch (decision) {
            case Decision.Deny deny -> deny.message();
            case Decision.RequireApproval approval -> approval.message();
            default -> null;
        };
    }
}
