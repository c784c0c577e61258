package dev.gatehouse.ui;

import dev.gatehouse.workflow.ProcessVariables;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Backs processes.xhtml, for admins: the engine's process instances, running or finished, and
 * where each running one waits (the activity, who may act, since when). Operational data from
 * Camunda's history; the audit trail stays the record of truth.
 */
@Named
@ViewScoped
public class ProcessesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 100;

    @Inject
    transient ApprovalsBackend backend;

    /** RUNNING, FINISHED or empty for both. */
    private String state = "RUNNING";
    private List<ProcessRow> rows = List.of();

    public void load() {
        HistoricProcessInstanceQuery query = history().createHistoricProcessInstanceQuery();
        if ("RUNNING".equals(state)) {
            query.unfinished();
        } else if ("FINISHED".equals(state)) {
            query.finished();
        }
        rows = query.orderByProcessInstanceStartTime().desc().listPage(0, SHOWN).stream().map(this::row).toList();
    }

    private ProcessRow row(HistoricProcessInstance instance) {
        String id = instance.getId();
        String requester = variable(id, ProcessVariables.REQUESTER);
        String connection = variable(id, ProcessVariables.CONNECTION);
        Instant ended = instance.getEndTime() == null ? null : instance.getEndTime().toInstant();
        if (ended != null) {
            return new ProcessRow(id, instance.getProcessDefinitionKey(), instance.getProcessDefinitionVersion(), requester,
                    connection, instance.getStartTime().toInstant(), ended, variable(id, ProcessVariables.OUTCOME), "", "", null);
        }
        List<HistoricActivityInstance> waiting = history().createHistoricActivityInstanceQuery().processInstanceId(id).unfinished()
                .list().stream().filter(a -> "userTask".equals(a.getActivityType()) || a.getActivityType().contains("Event"))
                .toList();
        Instant since = waiting.stream().map(a -> a.getStartTime().toInstant()).min(Instant::compareTo).orElse(null);
        String at = waiting.stream().map(a -> a.getActivityName() == null ? a.getActivityId() : a.getActivityName())
                .distinct().collect(Collectors.joining(", "));
        return new ProcessRow(id, instance.getProcessDefinitionKey(), instance.getProcessDefinitionVersion(), requester, connection,
                instance.getStartTime().toInstant(), null, instance.getState(), at, who(id), since);
    }

    /** Per open task: its assignee, or the groups that may claim it. */
    private String who(String processInstanceId) {
        ProcessEngine engine = backend.engine();
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list();
        return tasks.stream().map(task -> task.getAssignee() != null ? task.getAssignee()
                : "groups " + engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId).sorted().collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private String variable(String processInstanceId, String name) {
        return history().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).list()
                .stream().filter(v -> processInstanceId.equals(v.getActivityInstanceId())).map(HistoricVariableInstance::getValue)
                .map(String::valueOf).findFirst().orElse(null);
    }

    private HistoryService history() {
        return backend.engine().getHistoryService();
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state == null ? "" : state;
    }

    public List<ProcessRow> getRows() {
        return rows;
    }

    /**
     * One process instance. {@code state} is the outcome for finished ones (APPROVED, REJECTED,
     * EXPIRED) and the engine's state (ACTIVE, SUSPENDED) for running ones.
     */
    public record ProcessRow(String id, String process, int version, String requester, String connection, Instant started,
            Instant ended, String state, String waitingAt, String waitingFor, Instant waitingSince) implements Serializable {
    }
}
