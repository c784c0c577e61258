package dev.gatehouse.workflow.delegate;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** "Record the request as rejected" or "... as expired": one instance per outcome. */
public class CloseRequestDelegate implements JavaDelegate {

    private final ApprovalEvents events;
    private final Outcome outcome;

    public CloseRequestDelegate(ApprovalEvents events, Outcome outcome) {
        this.events = events;
        this.outcome = outcome;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ProcessVariables.OUTCOME, outcome.name());
        events.record(new ApprovalEvent.RequestClosed(execution.getProcessInstanceId(), ApprovalEvent.ENGINE,
                ClockUtil.getCurrentTime().toInstant(), outcome));
    }
}
