package dev.gatehouse.ui;

import dev.gatehouse.ui.ApprovalRequestView.DecisionView;
import dev.gatehouse.ui.ApprovalRequestView.WaitingView;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.RequestKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Reads approval requests for the pages from the engine's history: what was asked, the decisions
 * so far with their step, and what is still open. Read-only; every change goes through
 * {@link dev.gatehouse.workflow.ApprovalService}.
 */
@ApplicationScoped
public class ApprovalRecords {

    @Inject
    ApprovalsBackend backend;

    public Optional<ApprovalRequestView> request(String requestId) {
        HistoricProcessInstance instance = history().createHistoricProcessInstanceQuery().processInstanceId(requestId).singleResult();
        return Optional.ofNullable(instance).map(this::view);
    }

    /** Requests made by {@code requester}, newest first. */
    public List<ApprovalRequestView> requestsBy(String requester, int max) {
        return history().createHistoricProcessInstanceQuery()
                .variableValueEquals(ProcessVariables.REQUESTER, requester)
                .orderByProcessInstanceStartTime().desc().listPage(0, max)
                .stream().map(this::view).toList();
    }

    private ApprovalRequestView view(HistoricProcessInstance instance) {
        String id = instance.getId();
        Map<String, Object> request = new HashMap<>();
        Map<String, String> stepNames = new HashMap<>();
        for (HistoricVariableInstance variable : history().createHistoricVariableInstanceQuery().processInstanceId(id).list()) {
            if (id.equals(variable.getActivityInstanceId())) {
                request.put(variable.getName(), variable.getValue());
            } else if (ProcessVariables.STEP_NAME.equals(variable.getName())) {
                stepNames.put(variable.getActivityInstanceId(), (String) variable.getValue());
            }
        }
        Instant started = instance.getStartTime().toInstant();
        Object chainLength = request.get(ProcessVariables.CHAIN_STEP_COUNT);
        return new ApprovalRequestView(id, kind(instance.getProcessDefinitionKey()), text(request, ProcessVariables.REQUESTER),
                text(request, ProcessVariables.CONNECTION), text(request, ProcessVariables.RULE), text(request, ProcessVariables.STATEMENT),
                text(request, ProcessVariables.REASON), text(request, ProcessVariables.MASKING_RULES),
                validFor(text(request, ProcessVariables.VALID_FOR)), chainLength instanceof Integer n ? n : 0, started,
                instance.getEndTime() == null ? null : instance.getEndTime().toInstant(), text(request, ProcessVariables.OUTCOME),
                started.plus(Duration.parse(text(request, ProcessVariables.EXPIRES_AFTER))), decisions(id, stepNames),
                instance.getEndTime() == null ? waiting(id, stepNames) : List.of());
    }

    private List<DecisionView> decisions(String requestId, Map<String, String> stepNames) {
        List<HistoricTaskInstance> tasks = history().createHistoricTaskInstanceQuery().processInstanceId(requestId).finished()
                .orderByHistoricTaskInstanceEndTime().asc().list();
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> local = new HashMap<>();
        history().createHistoricVariableInstanceQuery().processInstanceId(requestId)
                .taskIdIn(tasks.stream().map(HistoricTaskInstance::getId).toArray(String[]::new)).list()
                .forEach(v -> local.computeIfAbsent(v.getTaskId(), t -> new HashMap<>()).put(v.getName(), v.getValue()));
        Map<String, String> parents = parents(requestId);
        List<DecisionView> decisions = new ArrayList<>();
        for (HistoricTaskInstance task : tasks) {
            Map<String, Object> variables = local.getOrDefault(task.getId(), Map.of());
            Object verdict = variables.get(ProcessVariables.DECISION);
            if (verdict == null) {
                continue; // ended by expiry or escalation, not decided
            }
            decisions.add(new DecisionView(step(task.getActivityInstanceId(), parents, stepNames), task.getAssignee(),
                    verdict.toString(), (String) variables.get(ProcessVariables.COMMENT), task.getEndTime().toInstant()));
        }
        return decisions;
    }

    private List<WaitingView> waiting(String requestId, Map<String, String> stepNames) {
        ProcessEngine engine = backend.engine();
        List<Task> open = engine.getTaskService().createTaskQuery().processInstanceId(requestId).active()
                .orderByTaskCreateTime().asc().list();
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, String> parents = parents(requestId);
        Map<String, String> taskActivity = history().createHistoricTaskInstanceQuery().processInstanceId(requestId).unfinished()
                .list().stream().collect(Collectors.toMap(HistoricTaskInstance::getId, HistoricTaskInstance::getActivityInstanceId));
        return open.stream().map(task -> new WaitingView(task.getId(), step(taskActivity.get(task.getId()), parents, stepNames),
                engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId).sorted().collect(Collectors.joining(", ")),
                task.getAssignee(), task.getCreateTime().toInstant())).toList();
    }

    /** Activity instance id to its parent's, to find the step pass a task belongs to. */
    private Map<String, String> parents(String requestId) {
        Map<String, String> parents = new HashMap<>();
        for (HistoricActivityInstance activity : history().createHistoricActivityInstanceQuery().processInstanceId(requestId).list()) {
            parents.put(activity.getId(), activity.getParentActivityInstanceId());
        }
        return parents;
    }

    /** The step's variables live on an ancestor scope of the task: the pass of the step subprocess. */
    private static String step(String activityInstanceId, Map<String, String> parents, Map<String, String> stepNames) {
        for (String scope = activityInstanceId; scope != null; scope = parents.get(scope)) {
            if (stepNames.containsKey(scope)) {
                return stepNames.get(scope);
            }
        }
        return "";
    }

    private static String validFor(String isoDuration) {
        return isoDuration == null ? null : Durations.human(Duration.parse(isoDuration));
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value instanceof Date date ? date.toInstant().toString() : value == null ? null : value.toString();
    }

    private static RequestKind kind(String processKey) {
        return RequestKind.ofProcessKey(processKey).orElse(null);
    }

    private HistoryService history() {
        return backend.engine().getHistoryService();
    }
}
