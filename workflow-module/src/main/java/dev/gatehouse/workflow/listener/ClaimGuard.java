package dev.gatehouse.workflow.listener;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.SeparationOfDuties;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * On assignment: refuses a claim by someone segregation of duties excludes (rolling it back),
 * and reports a successful claim.
 */
public class ClaimGuard implements TaskListener {

    private final ApprovalEvents events;

    public ClaimGuard(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        String requestId = task.getProcessInstanceId();
        Optional<String> refusal = SeparationOfDuties.refusal(assignee, RequestFacts.requester(task), RequestFacts.deciders(task));
        if (refusal.isPresent()) {
            events.record(new ApprovalEvent.AttemptRefused(requestId, assignee, RequestFacts.now(),
                    ApprovalException.Reason.SEPARATION_OF_DUTIES, refusal.get()));
            throw new SeparationOfDutiesViolation(refusal.get());
        }
        events.record(new ApprovalEvent.TaskClaimed(requestId, assignee, RequestFacts.now(), task.getId(), RequestFacts.stepName(task)));
    }
}
