package dev.gatehouse.approvals;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.RequestKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

/**
 * Requests as people read them: what was asked, by whom, where it stands and the steps so far. The
 * steps come from the audit trail (the record of truth), where and by whom and with which comment;
 * the rest from the engine's history.
 */
@ApplicationScoped
public class ApprovalRecords {

    public record Step(Instant at, String actor, String action, String details) {
    }

    /**
     * @param status   RUNNING, APPROVED, REJECTED or EXPIRED
     * @param expiresAt when a running request is auto-rejected
     */
    public record Request(String id, RequestKind kind, String status, String requester, String connection, String rule,
            String statement, String parameters, String reason, String maskingRules, String validFor, Instant created, Instant expiresAt,
            Long secondsLeft, Instant validFrom, Instant validUntil, List<Step> steps) {
    }

    @Inject
    ApprovalWorkflow workflow;

    @Inject
    AuditLog audit;

    public Optional<Request> find(String requestId) {
        HistoryService history = workflow.engine().getHistoryService();
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(requestId).singleResult();
        return Optional.ofNullable(instance).map(found -> describe(found, true));
    }

    /** Requests {@code requester} made, newest first. */
    public List<Request> madeBy(String requester, int limit) {
        return workflow.engine().getHistoryService().createHistoricProcessInstanceQuery()
                .variableValueEquals(ProcessVariables.REQUESTER, requester).orderByProcessInstanceStartTime().desc()
                .listPage(0, limit).stream().map(instance -> describe(instance, false)).toList();
    }

    /** Requests {@code approver} decided on (a task they completed), newest first. */
    public List<Request> decidedBy(String approver, int limit) {
        return workflow.engine().getHistoryService().createHistoricTaskInstanceQuery().taskAssignee(approver).finished()
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, limit).stream()
                .map(task -> task.getProcessInstanceId()).distinct()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    private Request describe(HistoricProcessInstance instance, boolean withSteps) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : workflow.engine().getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            if (instance.getId().equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        Instant created = instance.getStartTime().toInstant();
        Instant expiresAt = Optional.ofNullable((String) variables.get(ProcessVariables.EXPIRES_AFTER))
                .map(after -> created.plus(Duration.parse(after))).orElse(null);
        boolean running = instance.getEndTime() == null;
        String status = running ? "RUNNING" : String.valueOf(variables.getOrDefault(ProcessVariables.OUTCOME, "ENDED"));
        Long secondsLeft = running && expiresAt != null ? Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds()) : null;
        List<Step> steps = withSteps ? steps(instance.getId()) : List.of();
        return new Request(instance.getId(), RequestKind.ofProcessKey(instance.getProcessDefinitionKey()).orElse(null), status,
                (String) variables.get(ProcessVariables.REQUESTER), (String) variables.get(ProcessVariables.CONNECTION),
                (String) variables.get(ProcessVariables.RULE), (String) variables.get(ProcessVariables.STATEMENT),
                (String) variables.get(ProcessVariables.PARAMETERS), (String) variables.get(ProcessVariables.REASON), (String) variables.get(ProcessVariables.MASKING_RULES),
                (String) variables.get(ProcessVariables.VALID_FOR), created, expiresAt, secondsLeft,
                instant(variables.get(ProcessVariables.VALID_FROM)), instant(variables.get(ProcessVariables.VALID_UNTIL)), steps);
    }

    private List<Step> steps(String requestId) {
        List<AuditEvent> events = audit.latest(ApprovalAuditTrail.TARGET_TYPE, requestId, 200);
        return events.reversed().stream().map(e -> new Step(e.occurredAt(), e.actor(), e.action(), e.details())).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
