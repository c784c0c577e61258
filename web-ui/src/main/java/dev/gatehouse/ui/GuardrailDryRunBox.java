package dev.gatehouse.ui;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.guardrails.DryRunResult;
import dev.gatehouse.guardrails.GuardrailDryRun;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Decision;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.sql.AnalyzedStatement;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The dry-run box of guardrails.xhtml: a connection, SQL and optionally someone else's identity
 * in, the decision and the parser's view of each statement out. Nothing runs on the target.
 */
@Named
@ViewScoped
public class GuardrailDryRunBox implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient GuardrailDryRun dryRun;

    @Inject
    transient CurrentIdentity current;

    private String connection;
    private String sql;
    /** Empty: judge for the signed-in admin. */
    private String kind = "";
    private List<String> roles = new ArrayList<>();
    private String clientId;
    private Outcome outcome;

    public void run() {
        try {
            DryRunResult result = dryRun.run(connection, sql, identity(), Instant.now());
            outcome = Outcome.of(result);
        } catch (ValidationFailedException invalid) {
            outcome = null;
            for (FieldError error : invalid.errors()) {
                Messages.error("Dry run: " + error.field(), error.message());
            }
        }
    }

    private Identity identity() {
        if (kind == null || kind.isEmpty()) {
            return current.require();
        }
        IdentityKind identityKind = IdentityKind.valueOf(kind);
        String client = clientId == null || clientId.isBlank() ? null : clientId.trim();
        return new Identity("dry-run", identityKind == IdentityKind.AGENT && client != null ? "service-account-" + client : "dry-run",
                client, identityKind, Set.copyOf(roles), Set.of(), null, null, null, "dry-run");
    }

    /** What the box shows after a run. */
    public record Outcome(String decision, String rule, String message, int ruleCount, String parseError, List<StatementRow> statements)
            implements Serializable {

        static Outcome of(DryRunResult r) {
            return new Outcome(r.decision().outcome(), r.decision().rule(), messageOf(r.decision()), r.ruleCount(), r.analysis().parseError(),
                    r.statements().stream().map(v -> StatementRow.of(v.statement(), v.decision())).toList());
        }

        public String severity() {
            return severityOf(decision);
        }
    }

    /** One statement as the parser saw it, with the decision it alone would get. */
    public record StatementRow(String text, String statementClass, String operations, String functions, String flags, String decision,
            String rule) implements Serializable {

        static StatementRow of(AnalyzedStatement s, Decision d) {
            List<String> flags = new ArrayList<>();
            if (s.operations().stream().anyMatch(o -> o.unboundedWrite())) {
                flags.add("unbounded write");
            }
            if (s.serverSideCopy()) {
                flags.add("server-side COPY");
            }
            if (s.opaqueCode()) {
                flags.add("opaque code");
            }
            return new StatementRow(s.text(), s.statementClass().name() + " (" + s.statementClass().category() + ")",
                    String.join("; ", s.operations().stream().map(Object::toString).toList()),
                    String.join(", ", s.functions().stream().sorted().toList()), String.join(", ", flags), d.outcome(), d.rule());
        }

        public String severity() {
            return severityOf(decision);
        }
    }

    static String severityOf(String decision) {
        return switch (decision) {
            case "DENY", "REQUIRE_APPROVAL" -> "danger";
            case "ALLOW_AND_ALERT" -> "warning";
            default -> "success";
        };
    }

    private static String messageOf(Decision decision) {
        return switch (decision) {
            case Decision.Deny deny -> deny.message();
            case Decision.RequireApproval approval -> approval.message();
            default -> null;
        };
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : roles;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Outcome getOutcome() {
        return outcome;
    }
}
