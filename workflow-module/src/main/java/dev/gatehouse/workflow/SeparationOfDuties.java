package dev.gatehouse.workflow;

import java.util.Optional;

/**
 * The segregation-of-duties rule for one request: the requester never decides, and a person
 * decides at most once per request, so no one approves two steps or counts twice toward a
 * quorum. Checked by the service before it changes anything, and again by the engine's task
 * listeners so a caller that goes straight to Camunda's API is held to it too.
 */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /** Why {@code user} may not claim or decide on this request, or empty when they may. */
    public static Optional<String> refusal(String user, String requester, Deciders deciders) {
        if (user == null || user.isBlank()) {
            return Optional.of("a decision needs the deciding user as the task's assignee");
        }
        if (user.equals(requester)) {
            return Optional.of(user + " requested this and cannot approve or reject it");
        }
        if (deciders.contains(user)) {
            return Optional.of(user + " has already decided on this request; a person decides at most one step");
        }
        return Optional.empty();
    }
}
