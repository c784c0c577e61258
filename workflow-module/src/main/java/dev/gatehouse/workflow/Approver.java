package dev.gatehouse.workflow;

import java.util.Objects;
import java.util.Set;

/** The person claiming or deciding, as the application authenticated them, with their groups. */
public record Approver(String userId, Set<String> groups) {

    public Approver {
        Objects.requireNonNull(userId, "userId");
        groups = Set.copyOf(groups);
    }

    public boolean isInAny(Iterable<String> candidateGroups) {
        for (String group : candidateGroups) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
