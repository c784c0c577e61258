package dev.gatehouse.guardrails;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.datapath.DataPath;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.policy.GuardrailEngine;
import dev.gatehouse.proxy.policy.RuleSet;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import dev.gatehouse.proxy.sql.SqlAnalysis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "What would this statement get?" The same parser and the same engine as the data path, on the
 * rules as they are stored now (not the data path's few-seconds-old cache), and nothing is run.
 */
@ApplicationScoped
public class GuardrailDryRun {

    /** The data path refuses messages beyond its own limit anyway; this keeps a request cheap. */
    static final int MAX_SQL_CHARS = 256 * 1024;

    @Inject
    GuardrailRuleRepository rules;

    @Inject
    TargetConnectionRepository connections;

    @Inject
    DataPath dataPath;

    public DryRunResult run(String connection, String sql, Identity who, Instant at) {
        List<FieldError> errors = new ArrayList<>();
        if (connection == null || connection.isBlank()) {
            errors.add(new FieldError("connection", "is required"));
        } else if (connections.findByName(connection.trim()).isEmpty()) {
            errors.add(new FieldError("connection", "no connection named '" + connection.trim() + "'"));
        }
        if (sql == null || sql.isBlank()) {
            errors.add(new FieldError("sql", "is required"));
        } else if (sql.length() > MAX_SQL_CHARS) {
            errors.add(new FieldError("sql", "must be at most " + MAX_SQL_CHARS + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        RuleSet ruleSet = rules.effectiveRuleSet(connection.trim());
        PostgresSqlAnalyzer analyzer = dataPath.sqlAnalyzer();
        SqlAnalysis analysis = analyzer.analyzeNow(sql);
        Decision decision = GuardrailEngine.decide(ruleSet, who, analysis, Map.of(), at);
        List<DryRunResult.StatementVerdict> statements = new ArrayList<>();
        for (AnalyzedStatement statement : analysis.statements()) {
            Decision alone = GuardrailEngine.decide(ruleSet, who, SqlAnalysis.of(List.of(statement)), Map.of(), at);
            statements.add(new DryRunResult.StatementVerdict(statement, alone));
        }
        return new DryRunResult(connection.trim(), ruleSet.rules().size(), ruleSet.allowUnparseable(), decision, analysis, statements);
    }
}
