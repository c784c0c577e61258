package dev.gatehouse.workflow.listener;

import dev.gatehouse.workflow.Deciders;
import dev.gatehouse.workflow.ProcessVariables;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Reads the request-level variables the listeners and delegates need. */
final class RequestFacts {

    private RequestFacts() {
    }

    static String requester(VariableScope scope) {
        return (String) scope.getVariable(ProcessVariables.REQUESTER);
    }

    static Deciders deciders(VariableScope scope) {
        return Deciders.parse((String) scope.getVariable(ProcessVariables.DECIDERS));
    }

    static String stepName(VariableScope scope) {
        return (String) scope.getVariable(ProcessVariables.STEP_NAME);
    }

    /** The engine's clock, so that tests which move it see consistent times in events. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
