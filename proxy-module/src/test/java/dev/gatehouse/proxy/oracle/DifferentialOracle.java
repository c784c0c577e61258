package dev.gatehouse.proxy.oracle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The comparison: every statement the target executed appears, with identical text, among those the
 * gateway recorded as allowed for the same session; nothing recorded as denied appears in the
 * target's log; and the only other statements are the gateway's own stand-ins, each answering a
 * recorded denial. Where run counts are known, no text ran more often than the gateway recorded it
 * as allowed: an approval of one run cannot be replayed.
 */
public final class DifferentialOracle {

    private DifferentialOracle() {
    }

    /** One line per violation; empty when the sessions pass. */
    public static List<String> violations(List<SessionEvidence> sessions, StandIns standIns) {
        List<String> violations = new ArrayList<>();
        for (SessionEvidence session : sessions) {
            Set<Integer> standInNumbers = new HashSet<>();
            // With run counts, a text the gateway allowed once and refused once (an approved run and its
            // replay) is judged by how often it ran; without them, any run of a refused text is one too many.
            boolean counted = !session.runs().isEmpty();
            for (String executed : session.executed()) {
                if (session.denied().contains(executed) && !(counted && session.allowed().contains(executed))) {
                    violations.add(session.name() + ": the target executed a statement the gateway denied: " + shown(executed));
                    continue;
                }
                if (session.allowed().contains(executed)) {
                    continue;
                }
                int number = standIns.number(session, executed);
                if (number < 0) {
                    violations.add(session.name() + ": the target executed a statement the gateway never recorded as allowed: "
                            + shown(executed));
                } else if (number >= session.deniedCount() || !standInNumbers.add(number)) {
                    violations.add(session.name() + ": stand-in " + number + " answers no recorded denial: " + shown(executed));
                }
            }
            session.runs().forEach((text, runs) -> {
                int allowed = session.allowedRuns().getOrDefault(text, 0);
                if (session.allowed().contains(text) && runs > allowed) {
                    violations.add(session.name() + ": the target ran " + runs + " times a statement the gateway allowed "
                            + allowed + " times: " + shown(text));
                }
            });
        }
        return violations;
    }

    /** A report of the run: sessions, statements executed, stand-ins, and the violations. */
    public static String report(List<SessionEvidence> sessions, List<String> violations) {
        int executed = sessions.stream().mapToInt(s -> s.executed().size()).sum();
        int denied = sessions.stream().mapToInt(SessionEvidence::deniedCount).sum();
        StringBuilder report = new StringBuilder("differential oracle: " + sessions.size() + " sessions, " + executed
                + " statements executed by the target, " + denied + " denials recorded by the gateway, " + violations.size()
                + " violations");
        violations.forEach(v -> report.append("\n  ").append(v));
        return report.toString();
    }

    private static String shown(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
