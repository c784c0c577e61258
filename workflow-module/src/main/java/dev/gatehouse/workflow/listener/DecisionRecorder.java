package dev.gatehouse.workflow.listener;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.SeparationOfDuties;
import dev.gatehouse.workflow.Verdict;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * On completion of a decision task: enforces segregation of duties, then records the decision
 * on the request (who decided, and whether anyone rejected) and reports it. The verdict and
 * comment are task-local variables set in the same transaction as the completion; a task
 * completed without them is refused, so the engine never advances on an unexplained decision.
 */
public class DecisionRecorder implements TaskListener {

    private final ApprovalEvents events;

    public DecisionRecorder(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        String decider = task.getAssignee();
        String requestId = task.getProcessInstanceId();
        Optional<String> refusal = SeparationOfDuties.refusal(decider, RequestFacts.requester(task), RequestFacts.deciders(task));
        if (refusal.isPresent()) {
            events.record(new ApprovalEvent.AttemptRefused(requestId, decider, RequestFacts.now(),
                    ApprovalException.Reason.SEPARATION_OF_DUTIES, refusal.get()));
            throw new SeparationOfDutiesViolation(refusal.get());
        }
        Verdict verdict = verdict(task);
        String comment = (String) task.getVariableLocal(ProcessVariables.COMMENT);
        if (verdict == Verdict.REJECT && (comment == null || comment.isBlank())) {
            throw new ProcessEngineException("a rejection needs a comment");
        }
        task.setVariable(ProcessVariables.DECIDERS, RequestFacts.deciders(task).with(decider));
        if (verdict == Verdict.REJECT) {
            task.setVariable(ProcessVariables.REJECTED, true);
        }
        events.record(new ApprovalEvent.Decided(requestId, decider, RequestFacts.now(), RequestFacts.stepName(task), verdict, comment));
    }

    private static Verdict verdict(DelegateTask task) {
        Object value = task.getVariableLocal(ProcessVariables.DECISION);
        for (Verdict verdict : Verdict.values()) {
            if (verdict.name().equals(value)) {
                return verdict;
            }
        }
        throw new ProcessEngineException("task " + task.getId() + " was completed without a decision (APPROVE or REJECT), was " + value);
    }
}
