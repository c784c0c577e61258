package dev.gatehouse.workflow;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of request, each one BPMN process in the {@code bpmn} module. */
public enum RequestKind {
    COMMAND_REVIEW("gatehouse-command-review", "processes/command-review.bpmn"),
    ACCESS_REQUEST("gatehouse-access-request", "processes/access-request.bpmn"),
    UNMASK_REQUEST("gatehouse-unmask-request", "processes/unmask-request.bpmn");

    private final String processKey;
    private final String resource;

    RequestKind(String processKey, String resource) {
        this.processKey = processKey;
        this.resource = resource;
    }

    public String processKey() {
        return processKey;
    }

    /** The class-path resource of the model. */
    public String resource() {
        return resource;
    }

    public static Optional<RequestKind> ofProcessKey(String processKey) {
        return Arrays.stream(values()).filter(kind -> kind.processKey.equals(processKey)).findFirst();
    }
}
