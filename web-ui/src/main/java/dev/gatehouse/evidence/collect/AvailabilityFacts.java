package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.DataAvailability.Reconciliation;
import dev.gatehouse.evidence.report.ReportTime;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the data-availability block from the same snapshot as the figures: the audit records held,
 * the period's seq range and its continuity, and each figure reconciled to its appendix row count and
 * the chain's event count to what the verifier checked.
 */
final class AvailabilityFacts {

    private AvailabilityFacts() {
    }

    static DataAvailability read(EvidenceContext context, Map<String, Long> appendixRows, Function<FfiecControl, ControlSection> sections,
            Instant generatedAt) throws SQLException {
        Object[] held = context.rows("select min(occurred_at), max(occurred_at), coalesce(min(seq), 0), coalesce(max(seq), 0)"
                + " from audit_event where seq is not null").getFirst();
        Object[] period = context.rows("select coalesce(min(seq), 0), coalesce(max(seq), 0), count(*) from audit_event"
                + " where seq is not null and occurred_at >= :from and occurred_at < :to").getFirst();
        Instant first = (Instant) held[0];
        Instant last = (Instant) held[1];
        long firstSeq = (Long) period[0];
        long lastSeq = (Long) period[1];
        long events = (Long) period[2];
        boolean continuous = events == 0 || lastSeq - firstSeq + 1 == events;

        List<Reconciliation> reconciliations = new ArrayList<>();
        reconcile(reconciliations, sections, FfiecControl.C5, "sessions_active", appendixRows, "sessions");
        reconcile(reconciliations, sections, FfiecControl.C2, "requests", appendixRows, "approvals");
        reconcile(reconciliations, sections, FfiecControl.C3, "jit_grants", appendixRows, "access-grants");
        reconcile(reconciliations, sections, FfiecControl.C12, "sinks", appendixRows, "siem");
        ControlSection c10 = sections.apply(FfiecControl.C10);
        if (c10 != null && !c10.figures().isEmpty()) {
            reconciliations.add(new Reconciliation("C10.events_checked", c10.figure("C10.events_checked"), "audit_event rows in the period", events));
        }

        List<String> warnings = new ArrayList<>();
        Instant from = context.scope().from();
        Instant to = context.scope().to();
        if (first == null) {
            warnings.add("the store holds no audit record at all: every figure of this pack is empty");
        } else if (from.isBefore(first)) {
            warnings.add("the period starts " + ReportTime.format(from) + ", before the first audit record held ("
                    + ReportTime.format(first) + "): the part of the period before it has no data");
        }
        if (first != null && !to.isAfter(first)) {
            warnings.add("the period ends before the first audit record held: it predates all the data");
        }
        if (to.isAfter(generatedAt)) {
            warnings.add("the period ends " + ReportTime.format(to) + ", after the pack was generated (" + ReportTime.format(generatedAt)
                    + "): activity after generation is not in the pack");
        }
        if (events == 0) {
            warnings.add("no audit event falls in the period");
        }
        if (!continuous) {
            warnings.add("the period's seq range " + firstSeq + ".." + lastSeq + " holds " + events + " events, not "
                    + (lastSeq - firstSeq + 1) + ": events in the range lie outside the period's times (see audit/chain-verification.json)");
        }
        reconciliations.stream().filter(r -> !r.agrees()).forEach(r -> warnings.add(r.figure() + " is " + r.figureValue() + " but "
                + r.listedIn() + " lists " + r.listedRows()));
        return new DataAvailability(first, last, (Long) held[2], (Long) held[3], firstSeq, lastSeq, events, continuous, reconciliations, warnings);
    }

    private static void reconcile(List<Reconciliation> into, Function<FfiecControl, ControlSection> sections, FfiecControl control,
            String figure, Map<String, Long> appendixRows, String appendix) {
        ControlSection section = sections.apply(control);
        Long rows = appendixRows.get(appendix);
        if (section == null || rows == null || section.figures().isEmpty()) {
            return; // not in scope, or the appendix was not written: nothing to reconcile
        }
        into.add(new Reconciliation(control.name() + "." + figure, section.figure(control.name() + "." + figure),
                "appendix/" + appendix + ".csv", rows));
    }
}
