package dev.gatehouse.approvals;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.datapath.DataPath;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import dev.gatehouse.proxy.sql.StatementClass;
import dev.gatehouse.ui.SqlHighlight;
import dev.gatehouse.workflow.ApprovalException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parser's reading of a statement under review, shown beside its text in the inbox, and the
 * check that the text is shown as the parser reads it (docs/adr/0017): the statement with
 * everything the display marks as a comment blanked out (same length in bytes) must give exactly
 * the same parse tree, locations included, as the statement itself. Otherwise the display hides
 * or invents code, and the request cannot be approved.
 */
@ApplicationScoped
public class StatementReadings {

    /** One statement as the parser read it: its text, class, the tables it touches, and whether it writes without bound. */
    public record StatementReading(String text, String statementClass, List<String> tables, String write) implements Serializable {
    }

    /** @param problem why the request cannot be approved, or null when text and reading agree */
    public record Reading(List<StatementReading> statements, String problem) implements Serializable {
        public boolean faithful() {
            return problem == null;
        }
    }

    @Inject
    DataPath dataPath;

    public Reading read(String sql) {
        if (sql == null) {
            return new Reading(List.of(), null);
        }
        try {
            PostgresSqlAnalyzer analyzer = dataPath.sqlAnalyzer();
            String problem = shownAsRead(analyzer, sql, SqlHighlight.withoutComments(sql));
            SqlAnalysis analysis = analyzer.analyzeNow(sql);
            List<StatementReading> statements = new ArrayList<>();
            for (AnalyzedStatement statement : analysis.statements()) {
                statements.add(reading(statement));
            }
            if (problem == null && !analysis.parsed()) {
                problem = "PostgreSQL's parser cannot read this statement: " + analysis.parseError();
            }
            return new Reading(statements, problem);
        } catch (RuntimeException unavailable) {
            return new Reading(List.of(), "the gateway's SQL parser could not read this statement, so it cannot be shown as it will run");
        }
    }

    @Inject
    ApprovalAuditTrail trail;

    @Inject
    CurrentActor actor;

    /**
     * Refuses to approve a statement whose display and reading differ, for every caller (the page and
     * REST), and records the refusal ({@code approval.refused}, reason {@code display_differs}).
     */
    public void requireFaithful(String requestId, String sql) {
        Reading reading = read(sql);
        if (!reading.faithful()) {
            trail.record(actor.get(), "approval.refused", requestId, "failure",
                    Map.of("reason", "display_differs", "message", reading.problem()));
            throw new ApprovalException(ApprovalException.Reason.DISPLAY_DIFFERS, "this request cannot be approved: " + reading.problem());
        }
    }

    /**
     * Null when {@code withoutShownComments} (the statement with what the display marks as comments
     * blanked) reads exactly as the statement does; else why the request cannot be approved.
     */
    static String shownAsRead(PostgresSqlAnalyzer analyzer, String sql, String withoutShownComments) {
        return analyzer.parseTreeNow(sql).equals(analyzer.parseTreeNow(withoutShownComments)) ? null
                : "Gatehouse's parser reads this text differently from how it is shown (something shown as a comment is code)";
    }

    private static StatementReading reading(AnalyzedStatement statement) {
        Set<String> tables = new LinkedHashSet<>();
        boolean writes = false;
        boolean unbounded = false;
        for (Operation operation : statement.operations()) {
            operation.tables().forEach(table -> tables.add(String.valueOf(table)));
            writes |= operation.statementClass().category() == StatementClass.Category.WRITE;
            unbounded |= operation.unboundedWrite();
        }
        String write = unbounded ? "unbounded write" : writes ? "bounded" : "no write";
        return new StatementReading(statement.text(), statement.statementClass().name(), List.copyOf(tables), write);
    }
}
