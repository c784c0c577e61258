package dev.gatehouse.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.ApprovalService;
import dev.gatehouse.workflow.CandidateDirectory;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.listener.SeparationOfDutiesViolation;
import dev.gatehouse.workflow.testing.Chains;
import dev.gatehouse.workflow.testing.WorkflowTestEngine;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Segregation of duties holds for a caller that skips ApprovalService and uses Camunda's
 * TaskService directly (a REST client of the engine, a script): the task listeners refuse, and
 * the engine wraps their refusal in its own exception.
 */
class DirectEngineSegregationTest {

    private final ProcessEngine engine = WorkflowTestEngine.get();
    private final TaskService tasks = engine.getTaskService();
    private final String requestId = new ApprovalService(engine, WorkflowTestEngine.EVENTS, CandidateDirectory.UNKNOWN)
            .requestAccess(new ApprovalRequests.Access("eve", "payments-prod", "hotfix", Duration.ofHours(1), Chains.LEAD_THEN_TWO_DBAS));

    @Test
    void theRequesterCannotClaimThroughTheEngine() {
        Task task = openTask();

        assertThatThrownBy(() -> tasks.claim(task.getId(), "eve")).hasRootCauseInstanceOf(SeparationOfDutiesViolation.class);

        assertThat(openTask().getAssignee()).isNull();
        assertThat(WorkflowTestEngine.EVENTS.of(requestId, ApprovalEvent.AttemptRefused.class)).singleElement()
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(ApprovalException.Reason.SEPARATION_OF_DUTIES));
    }

    @Test
    void theRequesterCannotCompleteATaskAssignedToThemThroughTheEngine() {
        Task task = openTask();

        // setAssignee fires the same assignment listener as claim.
        assertThatThrownBy(() -> tasks.setAssignee(task.getId(), "eve")).hasRootCauseInstanceOf(SeparationOfDutiesViolation.class);
        assertThat(openTask().getAssignee()).isNull();
    }

    @Test
    void aPersonWhoApprovedStepOneCannotApproveStepTwoThroughTheEngine() {
        decideDirectly(openTask(), "bob");
        Task stepTwo = openTask();

        assertThatThrownBy(() -> tasks.claim(stepTwo.getId(), "bob")).hasRootCauseInstanceOf(SeparationOfDutiesViolation.class);

        assertThat(tasks.createTaskQuery().processInstanceId(requestId).taskUnassigned().count()).isEqualTo(2);
        assertThat(engine.getRuntimeService().getVariable(requestId, ProcessVariables.DECIDERS)).isEqualTo("bob");
    }

    @Test
    void aTaskCompletedWithoutADecisionIsRefused() {
        Task task = openTask();
        tasks.claim(task.getId(), "bob");

        assertThatThrownBy(() -> tasks.complete(task.getId())).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("without a decision");

        assertThat(openTask().getId()).isEqualTo(task.getId());
        assertThat(engine.getRuntimeService().getVariable(requestId, ProcessVariables.DECIDERS)).isEqualTo("");
    }

    private Task openTask() {
        return tasks.createTaskQuery().processInstanceId(requestId).list().get(0);
    }

    private void decideDirectly(Task task, String user) {
        tasks.claim(task.getId(), user);
        tasks.setVariablesLocal(task.getId(), Map.of(ProcessVariables.DECISION, "APPROVE"));
        tasks.complete(task.getId());
    }
}
