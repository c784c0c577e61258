package dev.gatehouse.workflow;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;

/** Read-only views for the inbox and for the data path's grant cache. */
public class ApprovalQueries {

    private final ProcessEngine engine;

    public ApprovalQueries(ProcessEngine engine) {
        this.engine = engine;
    }

    /**
     * The tasks {@code approver} may decide: open to one of their groups or claimed by them,
     * leaving out requests they made or already decided on.
     */
    public List<ApprovalTask> inbox(Approver approver) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        engine.getTaskService().createTaskQuery().taskAssignee(approver.userId()).active().list()
                .forEach(task -> tasks.put(task.getId(), task));
        if (!approver.groups().isEmpty()) {
            engine.getTaskService().createTaskQuery().taskCandidateGroupIn(List.copyOf(approver.groups())).active().list()
                    .forEach(task -> tasks.putIfAbsent(task.getId(), task));
        }
        Map<String, Map<String, Object>> requestVariables = new HashMap<>();
        List<ApprovalTask> inbox = new ArrayList<>();
        for (Task task : tasks.values()) {
            Map<String, Object> variables = requestVariables.computeIfAbsent(task.getProcessInstanceId(),
                    id -> engine.getRuntimeService().getVariables(id, List.of(ProcessVariables.REQUESTER, ProcessVariables.DECIDERS,
                            ProcessVariables.CONNECTION, ProcessVariables.STATEMENT)));
            String requester = (String) variables.get(ProcessVariables.REQUESTER);
            Deciders deciders = Deciders.parse((String) variables.get(ProcessVariables.DECIDERS));
            if (SeparationOfDuties.refusal(approver.userId(), requester, deciders).isPresent()) {
                continue;
            }
            inbox.add(new ApprovalTask(task.getId(), task.getProcessInstanceId(), kindOf(task.getProcessDefinitionId()),
                    (String) engine.getTaskService().getVariable(task.getId(), ProcessVariables.STEP_NAME), requester,
                    (String) variables.get(ProcessVariables.CONNECTION), (String) variables.get(ProcessVariables.STATEMENT),
                    task.getAssignee(), task.getCreateTime().toInstant()));
        }
        return inbox;
    }

    /** How the request ended, or empty while it is still running (or unknown). */
    public Optional<Outcome> outcome(String requestId) {
        return Optional.ofNullable(historic(requestId).get(ProcessVariables.OUTCOME))
                .map(value -> Outcome.valueOf(((String) value).toUpperCase(Locale.ROOT)));
    }

    /** The grant an approved request issued, or empty if it was not (yet) approved. */
    public Optional<Grant> grant(String requestId) {
        Map<String, Object> variables = historic(requestId);
        if (!Outcome.APPROVED.name().equals(variables.get(ProcessVariables.OUTCOME))) {
            return Optional.empty();
        }
        String definitionId = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(requestId)
                .singleResult().getProcessDefinitionId();
        return Optional.of(new Grant(requestId, kindOf(definitionId), (String) variables.get(ProcessVariables.REQUESTER),
                (String) variables.get(ProcessVariables.CONNECTION), (String) variables.get(ProcessVariables.STATEMENT_HASH),
                maskingRules((String) variables.get(ProcessVariables.MASKING_RULES)),
                ((Date) variables.get(ProcessVariables.VALID_FROM)).toInstant(),
                ((Date) variables.get(ProcessVariables.VALID_UNTIL)).toInstant()));
    }

    /** Stored comma-separated: rule names cannot hold a comma (the request refuses them). */
    private static List<String> maskingRules(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    /** The request-level variables from history, which holds them for running and ended requests alike. */
    private Map<String, Object> historic(String requestId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(requestId).list()) {
            // Only the process instance's own scope (whose activity instance id is the request id):
            // step- and task-local variables share some names.
            if (requestId.equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    private RequestKind kindOf(String processDefinitionId) {
        String key = engine.getRepositoryService().getProcessDefinition(processDefinitionId).getKey();
        return RequestKind.ofProcessKey(key).orElse(null);
    }
}
