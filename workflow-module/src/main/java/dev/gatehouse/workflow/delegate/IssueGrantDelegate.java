package dev.gatehouse.workflow.delegate;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The approved end of every request: a window from now until now plus {@code validFor}. What
 * the window means depends on the kind (a single-use approval for one statement, access to a
 * connection, or an exemption from masking rules); the binding itself, requester, connection
 * and statement hash or rule names, is already in the request's variables.
 */
public class IssueGrantDelegate implements JavaDelegate {

    private final ApprovalEvents events;

    public IssueGrantDelegate(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant from = ClockUtil.getCurrentTime().toInstant();
        Instant until = from.plus(Duration.parse((String) execution.getVariable(ProcessVariables.VALID_FOR)));
        execution.setVariable(ProcessVariables.VALID_FROM, Date.from(from));
        execution.setVariable(ProcessVariables.VALID_UNTIL, Date.from(until));
        execution.setVariable(ProcessVariables.OUTCOME, Outcome.APPROVED.name());
        String key = execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
        String requestId = execution.getProcessInstanceId();
        events.record(new ApprovalEvent.GrantIssued(requestId, ApprovalEvent.ENGINE, from, RequestKind.ofProcessKey(key).orElse(null),
                (String) execution.getVariable(ProcessVariables.REQUESTER), (String) execution.getVariable(ProcessVariables.CONNECTION),
                from, until));
        events.record(new ApprovalEvent.RequestClosed(requestId, ApprovalEvent.ENGINE, from, Outcome.APPROVED));
    }
}
