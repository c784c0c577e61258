package dev.gatehouse.workflow.engine;

import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.delegate.CloseRequestDelegate;
import dev.gatehouse.workflow.delegate.EscalateStepDelegate;
import dev.gatehouse.workflow.delegate.IssueGrantDelegate;
import dev.gatehouse.workflow.delegate.OpenStepDelegate;
import dev.gatehouse.workflow.listener.ApprovalParseListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Everything the approval models need from Java: the delegates their service tasks name
 * ({@code ${openStep}} and so on) and the parse listener that puts segregation of duties on
 * every user task.
 */
public class ApprovalEnginePlugin extends AbstractProcessEnginePlugin {

    private final ApprovalEvents events;

    public ApprovalEnginePlugin(ApprovalEvents events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = configuration.getBeans() == null ? new HashMap<>() : new HashMap<>(configuration.getBeans());
        beans.put("openStep", new OpenStepDelegate());
        beans.put("escalateStep", new EscalateStepDelegate(events));
        beans.put("issueGrant", new IssueGrantDelegate(events));
        beans.put("recordRejection", new CloseRequestDelegate(events, Outcome.REJECTED));
        beans.put("recordExpiry", new CloseRequestDelegate(events, Outcome.EXPIRED));
        configuration.setBeans(beans);

        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new ApprovalParseListener(events));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
