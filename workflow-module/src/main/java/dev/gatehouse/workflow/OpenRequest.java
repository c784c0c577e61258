package dev.gatehouse.workflow;

import dev.gatehouse.workflow.ApprovalException.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * A request that is waiting for decisions, with the open tasks of its current step. Loading one
 * for a request that has ended or never existed fails with the reason, which is how a decision
 * on a finished request is refused before anything is touched.
 */
record OpenRequest(String requestId, String requester, Deciders deciders, List<Task> openTasks, List<String> candidateGroups) {

    static OpenRequest load(ProcessEngine engine, String requestId) {
        TaskService tasks = engine.getTaskService();
        List<Task> open = tasks.createTaskQuery().processInstanceId(requestId).active().orderByTaskCreateTime().asc().list();
        if (open.isEmpty()) {
            throw notOpen(engine.getHistoryService(), requestId);
        }
        List<String> groups = tasks.getIdentityLinksForTask(open.get(0).getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .toList();
        var runtime = engine.getRuntimeService();
        return new OpenRequest(requestId, (String) runtime.getVariable(requestId, ProcessVariables.REQUESTER),
                Deciders.parse((String) runtime.getVariable(requestId, ProcessVariables.DECIDERS)), open, groups);
    }

    Optional<Task> heldBy(String user) {
        return openTasks.stream().filter(task -> user.equals(task.getAssignee())).findFirst();
    }

    Optional<Task> unclaimed() {
        return openTasks.stream().filter(task -> task.getAssignee() == null).findFirst();
    }

    private static ApprovalException notOpen(HistoryService history, String requestId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(requestId).singleResult();
        if (instance == null) {
            return new ApprovalException(Reason.NO_SUCH_REQUEST, "there is no approval request " + requestId);
        }
        if (instance.getEndTime() == null) {
            return new ApprovalException(Reason.NO_SUCH_REQUEST, "request " + requestId + " has no decision waiting right now");
        }
        HistoricVariableInstance outcome = history.createHistoricVariableInstanceQuery()
                .processInstanceId(requestId).variableName(ProcessVariables.OUTCOME).singleResult();
        String ended = outcome == null ? "ended" : "ended " + String.valueOf(outcome.getValue()).toLowerCase(Locale.ROOT);
        return new ApprovalException(Reason.REQUEST_FINISHED, "request " + requestId + " has already " + ended + "; it takes no more decisions");
    }
}
