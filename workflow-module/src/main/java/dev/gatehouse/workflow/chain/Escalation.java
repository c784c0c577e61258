package dev.gatehouse.workflow.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * A step's escalation: after {@code after} without completing, {@code action} happens once.
 *
 * @param reassignTo the group that takes over on {@link EscalationAction#REASSIGN}; null for a reminder
 */
public record Escalation(Duration after, EscalationAction action, String reassignTo) {

    public Escalation {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(action, "action");
    }
}
