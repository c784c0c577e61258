package dev.gatehouse.workflow.chain;

import java.util.List;
import java.util.Optional;

/**
 * One level of a chain: any member of the candidate groups may decide, and {@code quorum}
 * distinct people must approve before the request moves on.
 */
public record ApprovalStep(String name, List<String> candidateGroups, int quorum, Optional<Escalation> escalation) {

    public ApprovalStep {
        candidateGroups = List.copyOf(candidateGroups);
    }
}
