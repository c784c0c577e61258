package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.report.ConfigurationHistory;
import dev.gatehouse.evidence.report.ConfigurationHistory.Change;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ReportTime;
import dev.gatehouse.evidence.report.RoleConflicts;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration over time (C1, C2, C6, C7): the configuration at the period's start and end in
 * figures, the administrative changes in the period (the first {@value #PRINTED} printed, all in the
 * appendix), administrators' own activity, and who holds each Gatehouse role.
 */
final class ConfigurationPages {

    static final String HEADING = "Configuration over time";
    static final int PRINTED = 60;

    private ConfigurationPages() {
    }

    static void write(PageCursor cursor, EvidenceReport report) throws IOException {
        ConfigurationHistory history = report.annexes().configuration();
        if (history == null) {
            return;
        }
        cursor.newPage();
        cursor.heading(HEADING);
        cursor.paragraph("Reconstructed from the audit chain: each configured object's state is folded from its audit events in"
                + " sequence order. appendix/configuration-at-start.csv and appendix/configuration-at-end.csv hold every property of every"
                + " object (access rules, guardrails, masking rules and exemptions, retention and legal holds, approval chains, SIEM sinks,"
                + " agents, access revocations) at " + ReportTime.format(report.scope().from()) + " and " + ReportTime.format(report.scope().to())
                + "; appendix/configuration-changes.csv every change in between.");
        cursor.labelValue("Configured properties at the period's start", Long.toString(history.atStart().size()));
        cursor.labelValue("Configured properties at the period's end", Long.toString(history.atEnd().size()));
        cursor.labelValue("Administrative changes in the period", Long.toString(history.changes().size()));
        cursor.subheading("Changes (who, when, before, after, approval)");
        if (history.changes().isEmpty()) {
            cursor.paragraph("No administrative change in the period.");
        }
        List<Change> changes = history.changes();
        for (Change change : changes.subList(0, Math.min(PRINTED, changes.size()))) {
            cursor.indented("- " + ReportTime.format(change.at()) + " " + change.actor() + " " + change.action() + " " + change.kind() + " '"
                    + change.target() + "': before {" + flat(change.before()) + "} after {" + flat(change.after()) + "}"
                    + (change.approval().isEmpty() ? ", no approval recorded" : ", approval " + change.approval())
                    + " (audit seq " + change.seq() + ")");
        }
        if (changes.size() > PRINTED) {
            cursor.paragraph("... and " + (changes.size() - PRINTED) + " more in appendix/configuration-changes.csv");
        }
        cursor.subheading("Administrators' own activity");
        if (history.byActor().isEmpty()) {
            cursor.paragraph("No administrator changed the configuration in the period.");
        }
        for (Map.Entry<String, Long> actor : new java.util.TreeMap<>(history.byActor()).entrySet()) {
            cursor.labelValue(actor.getKey(), actor.getValue() + " change(s)");
        }
        cursor.subheading("Role conflicts (C6)");
        List<RoleConflicts.Conflict> conflicts = RoleConflicts.of(history.roleHolders());
        if (conflicts.isEmpty()) {
            cursor.paragraph("No identity holds two Gatehouse roles that segregation of duties keeps apart.");
        }
        for (RoleConflicts.Conflict conflict : conflicts) {
            cursor.indented("- " + conflict.identity() + " holds " + conflict.roleA() + " and " + conflict.roleB() + ": " + conflict.reason());
        }
        cursor.subheading("Role holders (from the identity provider, at generation)");
        cursor.paragraph("Roles are granted in the identity provider, not in Gatehouse, so their history is not in the audit chain:"
                + " this is the state at generation.");
        for (Map.Entry<String, List<String>> role : new java.util.TreeMap<>(history.roleHolders()).entrySet()) {
            cursor.labelValue(role.getKey(), String.join(", ", role.getValue()));
        }
    }

    private static String flat(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + shorten(e.getValue())).collect(Collectors.joining("; "));
    }

    private static String shorten(String value) {
        return value.length() > 120 ? value.substring(0, 117) + "..." : value;
    }
}
