package dev.gatehouse.evidence.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The role-conflict matrix for C6: which identities hold two Gatehouse roles that segregation of
 * duties keeps apart (whoever changes the configuration should not also approve, review the logs,
 * or sign the evidence off).
 */
public final class RoleConflicts {

    /** Pairs of roles one person should not hold together, each with why. */
    public static final Map<Set<String>, String> CONFLICTING = Map.of(
            Set.of("gatehouse-admin", "gatehouse-approver"), "changes the configuration and approves access",
            Set.of("gatehouse-admin", "gatehouse-auditor"), "changes the configuration and reviews the logs of those changes",
            Set.of("gatehouse-admin", "gatehouse-officer"), "changes the configuration and signs the evidence off",
            Set.of("gatehouse-approver", "gatehouse-officer"), "approves access and signs the evidence off");

    /** One conflict: the identity, the two roles, and why they conflict. */
    public record Conflict(String identity, String roleA, String roleB, String reason) {
    }

    private RoleConflicts() {
    }

    /** @param roleHolders role -> identities holding it */
    public static List<Conflict> of(Map<String, List<String>> roleHolders) {
        Map<String, Set<String>> rolesOf = new TreeMap<>();
        roleHolders.forEach((role, holders) -> holders.forEach(h -> rolesOf.computeIfAbsent(h, x -> new TreeSet<>()).add(role)));
        List<Conflict> conflicts = new ArrayList<>();
        rolesOf.forEach((identity, roles) -> {
            List<String> sorted = new ArrayList<>(roles);
            for (int i = 0; i < sorted.size(); i++) {
                for (int j = i + 1; j < sorted.size(); j++) {
                    String reason = CONFLICTING.get(Set.of(sorted.get(i), sorted.get(j)));
                    if (reason != null) {
                        conflicts.add(new Conflict(identity, sorted.get(i), sorted.get(j), reason));
                    }
                }
            }
        });
        return conflicts;
    }
}
