package dev.gatehouse.workflow.listener;

import dev.gatehouse.workflow.ApprovalEvents;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches the approval listeners to every process and user task the engine deploys. Doing it
 * at parse time, rather than naming the listeners in each BPMN file, means a model edited in
 * the Modeler cannot drop segregation of duties by accident.
 */
public class ApprovalParseListener extends AbstractBpmnParseListener {

    private final RequestCreatedReporter requestCreated;
    private final ClaimGuard claimGuard;
    private final DecisionRecorder decisionRecorder;

    public ApprovalParseListener(ApprovalEvents events) {
        this.requestCreated = new RequestCreatedReporter(events);
        this.claimGuard = new ClaimGuard(events);
        this.decisionRecorder = new DecisionRecorder(events);
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, requestCreated);
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, claimGuard);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, decisionRecorder);
    }
}
