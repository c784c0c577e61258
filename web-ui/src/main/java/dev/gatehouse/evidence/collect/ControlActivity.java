package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.ReportTime;
import dev.gatehouse.evidence.report.SectionStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which figures show that a control was exercised in the period. A section with no exception whose
 * activity figures are all zero reads "not exercised in the period", never "effective": the design
 * is shown, but there was nothing to test.
 */
final class ControlActivity {

    private static final Map<FfiecControl, List<String>> ACTIVITY = new EnumMap<>(Map.ofEntries(
            Map.entry(FfiecControl.C1, List.of("identities_used", "jit_grants")),
            Map.entry(FfiecControl.C2, List.of("requests")),
            Map.entry(FfiecControl.C3, List.of("jit_grants", "approvals_used")),
            Map.entry(FfiecControl.C4, List.of("campaigns")),
            Map.entry(FfiecControl.C5, List.of("sessions_active")),
            Map.entry(FfiecControl.C6, List.of("decisions", "sod_refusals", "self_approval_attempts")),
            Map.entry(FfiecControl.C7, List.of("changes_run", "blocked_changes", "command_reviews")),
            Map.entry(FfiecControl.C8, List.of("retention_runs", "purge_events")),
            Map.entry(FfiecControl.C9, List.of("log_accesses")),
            Map.entry(FfiecControl.C10, List.of("events_checked")),
            Map.entry(FfiecControl.C11, List.of("verification_runs")),
            Map.entry(FfiecControl.C12, List.of("delivered_total")),
            Map.entry(FfiecControl.C13, List.of("sessions_humans", "sessions_agents", "ui_logins")),
            Map.entry(FfiecControl.C14, List.of("denied_access", "blocked_commands", "guardrail_alerts", "rejected_requests")),
            Map.entry(FfiecControl.C15, List.of("masked_values", "unmask_exemptions", "unmask_requests"))));

    private ControlActivity() {
    }

    static List<String> figures(FfiecControl control) {
        return ACTIVITY.get(control);
    }

    /**
     * When the gateway holds no audit record in the period, a control with no activity has no evidence
     * at all: what it would otherwise list as exceptions (no review, no purge run, no sink) are the
     * absence of records, not findings about the period.
     */
    static ControlSection withoutRecords(ControlSection section, DataAvailability availability) {
        if (section.status() == SectionStatus.NOT_IN_SCOPE || section.status() == SectionStatus.NO_EVIDENCE) {
            return section;
        }
        List<String> keys = figures(section.control());
        // C12's figures are the sinks' state at generation (lifetime deliveries), not activity in the period.
        if (section.control() != FfiecControl.C12 && keys.stream().mapToLong(k -> section.figure(section.control().name() + "." + k)).sum() > 0) {
            return section;
        }
        String reason = "the gateway holds no audit record for the period, so there is nothing to test"
                + (availability.firstRecord() == null ? "" : " (its first record is " + ReportTime.format(availability.firstRecord()) + ")")
                + (section.exceptions().isEmpty() ? "" : "; as of generation: " + String.join("; ", section.exceptions()));
        return new ControlSection(section.control(), SectionStatus.NO_EVIDENCE, section.evidence(), section.figures(), List.of(), reason,
                section.appendices());
    }

    /** The section as built, or NOT_EXERCISED when it would read effective on zero activity. */
    static ControlSection judge(ControlSection section) {
        if (section.status() != SectionStatus.EFFECTIVE) {
            return section;
        }
        List<String> keys = figures(section.control());
        long activity = keys.stream().mapToLong(k -> section.figure(section.control().name() + "." + k)).sum();
        if (activity > 0) {
            return section;
        }
        String reason = "nothing in the period exercised this control (" + String.join(", ", keys) + " are all 0); the design is"
                + " described, but there was no activity to test";
        return new ControlSection(section.control(), SectionStatus.NOT_EXERCISED, section.evidence(), section.figures(),
                section.exceptions(), reason, section.appendices());
    }
}
