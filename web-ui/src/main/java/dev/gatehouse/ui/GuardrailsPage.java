package dev.gatehouse.ui;

import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.guardrails.GuardrailCatalog;
import dev.gatehouse.guardrails.GuardrailNotFoundException;
import dev.gatehouse.guardrails.GuardrailSummary;
import dev.gatehouse.guardrails.RuleDraft;
import dev.gatehouse.guardrails.StoredRule;
import dev.gatehouse.proxy.policy.RuleAction;
import dev.gatehouse.proxy.policy.RulePacks;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.OptimisticLockException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.primefaces.PrimeFaces;

/**
 * Backs guardrails.xhtml: the rules of one scope (global or a connection) in evaluation order, the
 * add/edit dialog, moves, packs and the connection's allow-unparseable switch. The dry-run box has
 * its own bean, {@link GuardrailDryRunBox}.
 */
@Named
@ViewScoped
public class GuardrailsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient GuardrailCatalog guardrails;

    /** The connection whose rules are shown; empty for the global scope. */
    private String scope = "";
    private List<String> connectionNames = List.of();
    private List<RuleRow> rows = List.of();
    private boolean allowUnparseable;
    private RuleForm form = new RuleForm();
    private final List<PackRow> packs = RulePacks.all().entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> new PackRow(e.getKey(), RulePacks.description(e.getKey()),
                    String.join(", ", e.getValue().stream().map(r -> r.name()).toList())))
            .toList();

    /** Called from f:viewAction, after the scope of a link such as guardrails.xhtml?scope=payments-prod is set. */
    public void open() {
        load();
    }

    void load() {
        connectionNames = new ArrayList<>(guardrails.connectionNames().values());
        connectionNames.sort(String::compareTo);
        if (!scope.isEmpty() && !connectionNames.contains(scope)) {
            scope = "";
        }
        rows = guardrails.list(scopeOrNull()).stream().map(RuleRow::of).toList();
        allowUnparseable = !scope.isEmpty() && guardrails.allowUnparseable(scope);
    }

    public void newRule() {
        form = new RuleForm();
    }

    public void edit(RuleRow row) {
        try {
            form = RuleForm.of(guardrails.get(UUID.fromString(row.id())));
        } catch (GuardrailNotFoundException gone) {
            Messages.error("Rule no longer exists", "It was deleted meanwhile.");
            load();
        }
    }

    public void save() {
        RuleDraft draft = form.toDraft(scopeOrNull());
        try {
            if (form.getId() == null) {
                guardrails.create(draft);
                Messages.info("Rule created", form.getName() + " is in force " + where() + ".");
            } else {
                guardrails.update(UUID.fromString(form.getId()), draft);
                Messages.info("Rule saved", form.getName() + " was changed.");
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
            load();
        } catch (ValidationFailedException invalid) {
            for (FieldError error : invalid.errors()) {
                Messages.error("Rule not saved: " + error.field(), error.message());
            }
        } catch (GuardrailNotFoundException | OptimisticLockException changed) {
            Messages.error("Rule not saved", "Someone changed or deleted it meanwhile; reload and retry.");
            load();
        }
    }

    public void delete(RuleRow row) {
        try {
            guardrails.delete(UUID.fromString(row.id()));
            Messages.info("Rule deleted", row.name() + " no longer applies.");
        } catch (GuardrailNotFoundException gone) {
            Messages.error("Rule no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    public void moveUp(RuleRow row) {
        move(row, row.position() - 1);
    }

    public void moveDown(RuleRow row) {
        move(row, row.position() + 1);
    }

    private void move(RuleRow row, int position) {
        try {
            guardrails.move(UUID.fromString(row.id()), position);
        } catch (GuardrailNotFoundException gone) {
            Messages.error("Rule no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    public void applyPack(String pack) {
        try {
            List<StoredRule> created = guardrails.applyPack(pack, scopeOrNull());
            Messages.info("Pack " + pack + " applied", created.size() + " rules added " + where() + ": "
                    + String.join(", ", created.stream().map(StoredRule::name).toList()));
        } catch (ValidationFailedException | ConnectionNotFoundException e) {
            Messages.error("Pack not applied", e.getMessage());
        }
        load();
    }

    public void changeAllowUnparseable() {
        if (scope.isEmpty()) {
            return;
        }
        try {
            guardrails.setAllowUnparseable(scope, allowUnparseable);
            Messages.info("Setting saved", allowUnparseable
                    ? "Statements the parser refuses now pass on " + scope + ", with an alert."
                    : "Statements the parser refuses are denied on " + scope + ".");
        } catch (ConnectionNotFoundException gone) {
            Messages.error("Connection no longer exists", "It was deleted meanwhile.");
        }
        load();
    }

    private String scopeOrNull() {
        return scope == null || scope.isEmpty() ? null : scope;
    }

    private String where() {
        return scope.isEmpty() ? "on every connection" : "on " + scope;
    }

    public boolean isGlobal() {
        return scope.isEmpty();
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope == null ? "" : scope;
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public List<RuleRow> getRows() {
        return rows;
    }

    public boolean isAllowUnparseable() {
        return allowUnparseable;
    }

    public void setAllowUnparseable(boolean allowUnparseable) {
        this.allowUnparseable = allowUnparseable;
    }

    public RuleForm getForm() {
        return form;
    }

    public List<PackRow> getPacks() {
        return packs;
    }

    public List<String> getActions() {
        return List.of(RuleAction.values()).stream().map(Enum::name).toList();
    }

    public List<String> getStatementOptions() {
        return RuleForm.STATEMENT_OPTIONS;
    }

    /** One row of the rules table. */
    public record RuleRow(String id, int position, String name, String action, String conditions, String message, boolean enabled,
            String sourcePack) implements Serializable {

        static RuleRow of(StoredRule r) {
            return new RuleRow(r.id().toString(), r.position(), r.name(), r.action().name(), GuardrailSummary.conditions(r), r.message(),
                    r.enabled(), r.sourcePack());
        }

        public String actionSeverity() {
            return switch (action) {
                case "DENY" -> "danger";
                case "REQUIRE_APPROVAL" -> "warning";
                case "ALLOW_AND_ALERT" -> "info";
                default -> "success";
            };
        }
    }

    /** A rule pack as the page lists it. */
    public record PackRow(String name, String description, String rules) implements Serializable {
    }
}
