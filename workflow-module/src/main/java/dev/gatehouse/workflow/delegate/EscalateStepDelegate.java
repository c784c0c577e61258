package dev.gatehouse.workflow.delegate;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.chain.EscalationAction;
import java.util.Arrays;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * "Remind the approvers or reassign to the escalation group". A reminder changes nothing in the
 * engine: the event tells the application to notify the step's groups again. A reassignment
 * moves every open task of the step to the escalation group and releases any claim, so the new
 * group can act at once.
 */
public class EscalateStepDelegate implements JavaDelegate {

    private final ApprovalEvents events;

    public EscalateStepDelegate(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String action = (String) execution.getVariable(ProcessVariables.ESCALATION_ACTION);
        if (OpenStepDelegate.NO_ESCALATION.equals(action)) {
            return;
        }
        EscalationAction escalation = EscalationAction.valueOf(action);
        String groups = (String) execution.getVariable(ProcessVariables.CANDIDATE_GROUPS);
        if (escalation == EscalationAction.REASSIGN) {
            groups = (String) execution.getVariable(ProcessVariables.ESCALATE_TO);
            reassignOpenTasks(execution, groups);
            execution.setVariable(ProcessVariables.CANDIDATE_GROUPS, groups);
        }
        events.record(new ApprovalEvent.Escalated(execution.getProcessInstanceId(), ApprovalEvent.ENGINE,
                ClockUtil.getCurrentTime().toInstant(), (String) execution.getVariable(ProcessVariables.STEP_NAME), escalation, groups));
    }

    private static void reassignOpenTasks(DelegateExecution execution, String newGroup) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        String oldGroups = (String) execution.getVariable(ProcessVariables.CANDIDATE_GROUPS);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            for (String oldGroup : Arrays.asList(oldGroups.split(","))) {
                tasks.deleteGroupIdentityLink(task.getId(), oldGroup, IdentityLinkType.CANDIDATE);
            }
            tasks.addCandidateGroup(task.getId(), newGroup);
            if (task.getAssignee() != null) {
                tasks.setAssignee(task.getId(), null);
            }
        }
    }
}
