package dev.gatehouse.ui;

import dev.gatehouse.approvals.ApprovalRecords;
import dev.gatehouse.approvals.ApprovalRecords.Request;
import dev.gatehouse.approvals.ApprovalRecords.Step;
import dev.gatehouse.ui.ApprovalRequestView.DecisionView;
import dev.gatehouse.ui.ApprovalRequestView.WaitingView;
import dev.gatehouse.workflow.ProcessVariables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Approval requests for the pages: the facts and the decisions so far as {@link ApprovalRecords}
 * tells them (decisions from the audit trail, the record of truth), plus what the engine still
 * waits for and how many steps the chain has. Read-only; changes go through ApprovalService.
 */
@ApplicationScoped
public class RequestViews {

    @Inject
    ApprovalRecords records;

    @Inject
    ApprovalsBackend backend;

    public Optional<ApprovalRequestView> request(String requestId) {
        return records.find(requestId).map(this::view);
    }

    /** Requests made by {@code requester}, newest first, with their decisions. */
    public List<ApprovalRequestView> requestsBy(String requester, int max) {
        return records.madeBy(requester, max).stream().map(made -> records.find(made.id())).flatMap(Optional::stream)
                .map(this::view).toList();
    }

    private ApprovalRequestView view(Request request) {
        boolean running = "RUNNING".equals(request.status());
        return new ApprovalRequestView(request.id(), request.kind(), request.requester(), request.connection(), request.rule(),
                request.statement(), request.parameters(), request.reason(), request.maskingRules(),
                request.validFor() == null ? null : Durations.human(Duration.parse(request.validFor())), stepCount(request.id()),
                request.created(), request.status(), request.expiresAt(),
                request.steps().stream().filter(RequestViews::isDecision).map(RequestViews::decision).toList(),
                running ? waiting(request.id()) : List.of());
    }

    private static boolean isDecision(Step step) {
        return "approval.approved".equals(step.action()) || "approval.rejected".equals(step.action());
    }

    private static DecisionView decision(Step step) {
        JsonObject details = parse(step.details());
        return new DecisionView(details.getString("step", ""), step.actor(),
                "approval.approved".equals(step.action()) ? "APPROVE" : "REJECT", details.getString("comment", null), step.at());
    }

    private static JsonObject parse(String details) {
        if (details == null || details.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(details))) {
            return reader.readObject();
        }
    }

    /** The open tasks of the current step: its name, who may decide, who holds it, since when. */
    private List<WaitingView> waiting(String requestId) {
        TaskService tasks = backend.engine().getTaskService();
        List<Task> open = tasks.createTaskQuery().processInstanceId(requestId).active().orderByTaskCreateTime().asc().list();
        return open.stream().map(task -> new WaitingView(task.getId(), (String) tasks.getVariable(task.getId(), ProcessVariables.STEP_NAME),
                tasks.getIdentityLinksForTask(task.getId()).stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId).sorted().collect(Collectors.joining(", ")),
                task.getAssignee(), task.getCreateTime().toInstant())).toList();
    }

    private int stepCount(String requestId) {
        return backend.engine().getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(requestId)
                .variableName(ProcessVariables.CHAIN_STEP_COUNT).list().stream()
                .filter(variable -> requestId.equals(variable.getActivityInstanceId()))
                .map(HistoricVariableInstance::getValue).filter(Integer.class::isInstance).map(Integer.class::cast)
                .findFirst().orElse(0);
    }
}
