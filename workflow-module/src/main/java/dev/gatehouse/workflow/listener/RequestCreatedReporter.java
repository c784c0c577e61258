package dev.gatehouse.workflow.listener;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.RequestKind;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** On process start: reports the new request. */
public class RequestCreatedReporter implements ExecutionListener {

    private final ApprovalEvents events;

    public RequestCreatedReporter(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
        RequestKind kind = RequestKind.ofProcessKey(key).orElse(null);
        events.record(new ApprovalEvent.RequestCreated(execution.getProcessInstanceId(), RequestFacts.requester(execution),
                RequestFacts.now(), kind, (String) execution.getVariable(ProcessVariables.CONNECTION)));
    }
}
