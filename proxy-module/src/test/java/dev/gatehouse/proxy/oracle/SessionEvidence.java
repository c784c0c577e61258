package dev.gatehouse.proxy.oracle;

import java.util.List;
import java.util.Set;

/**
 * One corpus session as both sides saw it.
 *
 * @param name     the corpus session's name
 * @param executed statement texts the target's log shows it executed, in order
 * @param allowed  texts the gateway recorded as allowed (or undecided, on a connection without rules)
 * @param denied   texts the gateway recorded as denied
 * @param deniedCount how many denials it recorded (each stand-in answers one)
 */
public record SessionEvidence(String name, List<String> executed, Set<String> allowed, Set<String> denied, int deniedCount) {

    public SessionEvidence {
        executed = List.copyOf(executed);
        allowed = Set.copyOf(allowed);
        denied = Set.copyOf(denied);
    }
}
