package dev.gatehouse.workflow.delegate;

import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.chain.ApprovalChain;
import dev.gatehouse.workflow.chain.ApprovalStep;
import dev.gatehouse.workflow.chain.Escalation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Look up the step's approvers, quorum and escalation": copies the current chain step into
 * variables local to this pass of the step subprocess, where the user task and its timer read
 * them. A step without escalation gets the chain's expiry as its escalation delay and no action,
 * because a BPMN boundary timer cannot be left out per pass; the chain's own expiry timer
 * (started earlier, same length) always fires first or together.
 */
public class OpenStepDelegate implements JavaDelegate {

    /** How the escalation delegate recognises a step that has no escalation. */
    public static final String NO_ESCALATION = "none";

    @Override
    public void execute(DelegateExecution execution) {
        ApprovalChain chain = ApprovalChain.parse((String) execution.getVariable(ProcessVariables.APPROVAL_CHAIN));
        int index = (Integer) execution.getVariable("loopCounter");
        ApprovalStep step = chain.step(index);
        execution.setVariableLocal(ProcessVariables.STEP_NUMBER, index + 1);
        execution.setVariableLocal(ProcessVariables.STEP_NAME, step.name());
        execution.setVariableLocal(ProcessVariables.CANDIDATE_GROUPS, String.join(",", step.candidateGroups()));
        execution.setVariableLocal(ProcessVariables.QUORUM, step.quorum());
        Escalation escalation = step.escalation().orElse(null);
        execution.setVariableLocal(ProcessVariables.ESCALATE_AFTER,
                (escalation == null ? chain.expiresAfter() : escalation.after()).toString());
        execution.setVariableLocal(ProcessVariables.ESCALATION_ACTION,
                escalation == null ? NO_ESCALATION : escalation.action().name());
        execution.setVariableLocal(ProcessVariables.ESCALATE_TO, escalation == null ? null : escalation.reassignTo());
    }
}
