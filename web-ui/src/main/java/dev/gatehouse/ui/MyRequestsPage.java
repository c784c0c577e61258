package dev.gatehouse.ui;

import dev.gatehouse.approvals.RequestCeilings;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.guardrails.GuardrailCatalog;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.masking.MaskingRuleCatalog;
import dev.gatehouse.masking.StoredMaskingRule;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ApprovalRequests;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Backs my-requests.xhtml, for everyone signed in: ask for time-bound access to a connection or
 * for an exemption from masking rules, and follow my requests to their outcome. Requests are
 * always filed as the signed-in identity.
 */
@Named
@ViewScoped
public class MyRequestsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 50;

    @Inject
    RequestCeilings ceilings;

    @Inject
    CurrentActor actor;

    @Inject
    transient ApprovalsBackend backend;

    @Inject
    transient RequestViews records;

    @Inject
    transient CurrentIdentity current;

    @Inject
    transient GuardrailCatalog guardrails;

    @Inject
    transient MaskingRuleCatalog maskingRules;

    private List<String> connectionNames = List.of();
    private List<String> maskingRuleNames = List.of();
    private List<ApprovalRequestView> requests = List.of();

    private String kind = "ACCESS";
    private String connection;
    private String reason;
    private Integer hours = 1;
    private List<String> rules = new ArrayList<>();

    public void open() {
        connectionNames = guardrails.connectionNames().values().stream().sorted().toList();
        maskingRuleNames = maskingRules.list().stream().map(StoredMaskingRule::name).sorted().toList();
        refresh();
    }

    public void refresh() {
        requests = records.requestsBy(current.require().displayName(), SHOWN);
    }

    public void submit() {
        String me = current.require().displayName();
        try {
            Duration duration = Duration.ofHours(hours == null ? 0 : hours);
            ceilings.check(actor.get(), "UNMASK".equals(kind) ? "unmask" : "access", "hours", connection, duration);
            String requestId = "UNMASK".equals(kind)
                    ? backend.service().requestUnmask(new ApprovalRequests.Unmask(me, connection, rules, reason, duration,
                            backend.chainFor(connection)))
                    : backend.service().requestAccess(new ApprovalRequests.Access(me, connection, reason, duration,
                            backend.chainFor(connection)));
            Messages.info("Request filed", "Request " + requestId + " waits for approval; this page shows its progress.");
            reason = null;
            rules = new ArrayList<>();
        } catch (IllegalArgumentException | ApprovalException refused) {
            Messages.error("Request not filed", refused.getMessage());
        } catch (ValidationFailedException refused) {
            Messages.error("Request not filed", "Duration " + refused.errors().get(0).message());
        }
        refresh();
    }

    public String timeLeft(ApprovalRequestView request) {
        return request.timeLeft(Instant.now());
    }

    public List<String> getConnectionNames() {
        return connectionNames;
    }

    public List<String> getMaskingRuleNames() {
        return maskingRuleNames;
    }

    public List<ApprovalRequestView> getRequests() {
        return requests;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getHours() {
        return hours;
    }

    public void setHours(Integer hours) {
        this.hours = hours;
    }

    public List<String> getRules() {
        return rules;
    }

    public void setRules(List<String> rules) {
        this.rules = rules == null ? new ArrayList<>() : rules;
    }
}
