package dev.gatehouse.workflow.chain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens when a step has waited longer than its escalation delay. */
public enum EscalationAction {
    /** Tell the step's candidates again; the tasks stay where they are. */
    REMIND,
    /** Hand the step's open tasks to another group. */
    REASSIGN;

    static EscalationAction parse(String text, String where) {
        for (EscalationAction action : values()) {
            if (action.name().equalsIgnoreCase(text)) {
                return action;
            }
        }
        String known = Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        throw new MalformedChainException(where + ": unknown escalation action '" + text + "' (known: " + known + ")");
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
