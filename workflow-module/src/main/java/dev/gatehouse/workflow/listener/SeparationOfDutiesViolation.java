package dev.gatehouse.workflow.listener;

import org.camunda.bpm.engine.ProcessEngineException;

/** Thrown from inside the engine to roll back a claim or decision that breaks segregation of duties. */
public class SeparationOfDutiesViolation extends ProcessEngineException {

    public SeparationOfDutiesViolation(String message) {
        super(message);
    }
}
