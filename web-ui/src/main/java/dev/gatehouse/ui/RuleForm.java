package dev.gatehouse.ui;

import dev.gatehouse.guardrails.RuleDraft;
import dev.gatehouse.guardrails.StoredRule;
import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.StatementClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The add/edit dialog's fields, typed as the inputs are (lists for multi-selects and chips,
 * booleans for checkboxes). Validation stays in the service, so the dialog and the API refuse the
 * same things with the same words.
 */
public class RuleForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every statement class, then CLASS:KIND for the classes that take an object kind. */
    static final List<String> STATEMENT_OPTIONS = Stream.concat(
            Stream.of(StatementClass.values()).map(Enum::name),
            Stream.of(StatementClass.CREATE, StatementClass.ALTER, StatementClass.DROP)
                    .flatMap(c -> Stream.of(ObjectKind.values()).filter(k -> k != ObjectKind.OTHER).map(k -> c + ":" + k)))
            .toList();

    private String id;
    private String name;
    private String action = "DENY";
    private boolean enabled = true;
    private List<String> statements = new ArrayList<>();
    private boolean exceptStatements;
    private List<String> tables = new ArrayList<>();
    private boolean unboundedWritesOnly;
    private List<String> functions = new ArrayList<>();
    private boolean serverSideCopy;
    private List<String> identityKinds = new ArrayList<>();
    private List<String> roles = new ArrayList<>();
    private List<String> clientIds = new ArrayList<>();
    private boolean useWindow;
    private List<String> days = new ArrayList<>();
    private String from = "09:00";
    private String to = "17:00";
    private String zone = "UTC";
    private boolean outside;
    private String message;
    private String approvalChain;

    static RuleForm of(StoredRule r) {
        RuleForm form = new RuleForm();
        form.id = r.id().toString();
        form.name = r.name();
        form.action = r.action().name();
        form.enabled = r.enabled();
        form.statements = new ArrayList<>(r.statements());
        form.exceptStatements = r.exceptStatements();
        form.tables = new ArrayList<>(r.tables());
        form.unboundedWritesOnly = r.unboundedWritesOnly();
        form.functions = new ArrayList<>(r.functions());
        form.serverSideCopy = r.serverSideCopy();
        form.identityKinds = new ArrayList<>(r.identityKinds());
        form.roles = new ArrayList<>(r.identityRoles());
        form.clientIds = new ArrayList<>(r.identityClientIds());
        form.useWindow = r.hasWindow();
        if (r.hasWindow()) {
            form.days = new ArrayList<>(r.windowDays());
            form.from = r.windowFrom().toString();
            form.to = r.windowTo().toString();
            form.zone = r.windowZone();
            form.outside = r.windowOutside();
        }
        form.message = r.message();
        form.approvalChain = r.approvalChain();
        return form;
    }

    RuleDraft toDraft(String connection) {
        return new RuleDraft(connection, name, action, enabled, statements, exceptStatements, tables, unboundedWritesOnly, functions,
                serverSideCopy, new RuleDraft.IdentityDraft(identityKinds, roles, clientIds),
                useWindow ? new RuleDraft.WindowDraft(days, from, to, zone, outside) : null, message,
                "REQUIRE_APPROVAL".equals(action) ? approvalChain : null);
    }

    public boolean isNew() {
        return id == null;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getStatements() {
        return statements;
    }

    public void setStatements(List<String> statements) {
        this.statements = statements == null ? new ArrayList<>() : statements;
    }

    public boolean isExceptStatements() {
        return exceptStatements;
    }

    public void setExceptStatements(boolean exceptStatements) {
        this.exceptStatements = exceptStatements;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables == null ? new ArrayList<>() : tables;
    }

    public boolean isUnboundedWritesOnly() {
        return unboundedWritesOnly;
    }

    public void setUnboundedWritesOnly(boolean unboundedWritesOnly) {
        this.unboundedWritesOnly = unboundedWritesOnly;
    }

    public List<String> getFunctions() {
        return functions;
    }

    public void setFunctions(List<String> functions) {
        this.functions = functions == null ? new ArrayList<>() : functions;
    }

    public boolean isServerSideCopy() {
        return serverSideCopy;
    }

    public void setServerSideCopy(boolean serverSideCopy) {
        this.serverSideCopy = serverSideCopy;
    }

    public List<String> getIdentityKinds() {
        return identityKinds;
    }

    public void setIdentityKinds(List<String> identityKinds) {
        this.identityKinds = identityKinds == null ? new ArrayList<>() : identityKinds;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : roles;
    }

    public List<String> getClientIds() {
        return clientIds;
    }

    public void setClientIds(List<String> clientIds) {
        this.clientIds = clientIds == null ? new ArrayList<>() : clientIds;
    }

    public boolean isUseWindow() {
        return useWindow;
    }

    public void setUseWindow(boolean useWindow) {
        this.useWindow = useWindow;
    }

    public List<String> getDays() {
        return days;
    }

    public void setDays(List<String> days) {
        this.days = days == null ? new ArrayList<>() : days;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public boolean isOutside() {
        return outside;
    }

    public void setOutside(boolean outside) {
        this.outside = outside;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getApprovalChain() {
        return approvalChain;
    }

    public void setApprovalChain(String approvalChain) {
        this.approvalChain = approvalChain;
    }
}
