package dev.gatehouse.proxy.oracle;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One corpus session as both sides saw it.
 *
 * @param name     the corpus session's name
 * @param executed statement texts the target's log shows it executed, in order
 * @param allowed  texts the gateway recorded as allowed (or undecided, on a connection without rules)
 * @param denied   texts the gateway recorded as denied
 * @param deniedCount how many denials it recorded (each stand-in answers one)
 * @param runs     how many times the target's log shows it started running each text (not counting
 *                 more rows fetched from a portal already running)
 * @param allowedRuns how many executions of each text the gateway recorded as allowed: a text may
 *                 not run more often than that (an approval is one run, issue 15)
 */
public record SessionEvidence(String name, List<String> executed, Set<String> allowed, Set<String> denied, int deniedCount,
        Map<String, Integer> runs, Map<String, Integer> allowedRuns) {

    public SessionEvidence {
        executed = List.copyOf(executed);
        allowed = Set.copyOf(allowed);
        denied = Set.copyOf(denied);
        runs = Map.copyOf(runs);
        allowedRuns = Map.copyOf(allowedRuns);
    }

    /** Without run counts: only texts are compared. */
    public SessionEvidence(String name, List<String> executed, Set<String> allowed, Set<String> denied, int deniedCount) {
        this(name, executed, allowed, denied, deniedCount, Map.of(), Map.of());
    }
}
