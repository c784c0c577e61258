package dev.gatehouse.evidence.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Gatehouse's own configuration over the period, reconstructed from the audit chain: its state at
 * the period's start and end, and every administrative change in between with who, when, before,
 * after and the approval that authorised it where the event names one.
 *
 * @param changes    every change in the period, in seq order (the appendix holds them all; the PDF prints the first ones)
 * @param atStart    the configuration in force at the period's start
 * @param atEnd      the configuration in force at its end
 * @param byActor    changes per administrator: the section on administrators' own activity
 * @param roleHolders who holds each gatehouse role as the identity provider reports it at generation
 *                   (role changes are made in the identity provider and are not in the audit chain)
 */
public record ConfigurationHistory(List<Change> changes, List<Setting> atStart, List<Setting> atEnd, Map<String, Long> byActor,
        Map<String, List<String>> roleHolders) {

    public ConfigurationHistory {
        changes = List.copyOf(changes);
        atStart = List.copyOf(atStart);
        atEnd = List.copyOf(atEnd);
        byActor = Map.copyOf(byActor);
        roleHolders = Map.copyOf(roleHolders);
    }

    /** One administrative change; before and after hold the changed properties only. */
    public record Change(long seq, Instant at, String actor, String action, String kind, String target, Map<String, String> before,
            Map<String, String> after, String approval) {
    }

    /** One property of one configured object ("connection", "ledger", "allowedRoles", "[role:dba]"). */
    public record Setting(String kind, String name, String property, String value) {
    }
}
