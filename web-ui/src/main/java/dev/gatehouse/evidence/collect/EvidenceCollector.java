package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.Figure;
import dev.gatehouse.evidence.report.SectionStatus;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the report's figures from the store with aggregate queries (counts, group by,
 * percentiles), never by loading the recording: the executive summary and one section per
 * control C1..C15, NOT_IN_SCOPE for the controls the auditor left out. Each section's figures are
 * documented, with their SQL source, on its builder ({@link IdentitySections}, {@link GrantSections},
 * {@link ApprovalSections}, {@link MonitoringSections}, {@link LogSections}, {@link ExposureSection}).
 *
 * <p>Run it in the same REPEATABLE READ transaction as {@link Appendices#writeAll} for figures that
 * match the appendices row for row even while traffic goes on; this class does not change the
 * connection's transaction.
 */
public final class EvidenceCollector {

    private EvidenceCollector() {
    }

    @FunctionalInterface
    private interface SectionBuilder {
        ControlSection build(EvidenceContext context) throws SQLException;
    }

    public static EvidenceReport collect(String packId, PackScope scope, Set<String> connections, List<InventoryIdentity> inventory,
            ChainFacts chain, Connection store, String generator, String generatedBy, Instant generatedAt) throws SQLException {
        return collect(packId, scope, connections, inventory, chain, store, generator, generatedBy, generatedAt, Map.of());
    }

    /** @param appendixRows rows written per appendix name, which the data-availability block reconciles figures with */
    public static EvidenceReport collect(String packId, PackScope scope, Set<String> connections, List<InventoryIdentity> inventory,
            ChainFacts chain, Connection store, String generator, String generatedBy, Instant generatedAt, Map<String, Long> appendixRows)
            throws SQLException {
        EvidenceContext context = new EvidenceContext(scope, connections, inventory, chain, store);
        List<ControlSection> sections = new ArrayList<>();
        for (FfiecControl control : FfiecControl.values()) {
            sections.add(scope.includes(control) ? ControlActivity.judge(builder(control).build(context)) : SectionDraft.notInScope(control));
        }
        DataAvailability availability = AvailabilityFacts.read(context, appendixRows,
                control -> sections.stream().filter(s -> s.control() == control && s.status() != SectionStatus.NOT_IN_SCOPE).findFirst()
                        .orElse(null), generatedAt);
        if (availability.periodEvents() == 0) {
            sections.replaceAll(section -> ControlActivity.withoutRecords(section, availability));
        }
        ExecutiveSummary summary = SummaryFigures.summary(context);
        long withExceptions = sections.stream().filter(s -> s.status() == SectionStatus.EXCEPTIONS).count();
        long sessions = context.rowsOf(ActivityAppendices.sessions());
        long statements = context.count("select count(*) " + EvidenceSql.SCOPED_STATEMENTS);
        long requests = context.rowsOf(ApprovalAppendices.approvals());
        List<Figure> headline = new ArrayList<>(SummaryFigures.headline(summary, sessions, statements, requests, withExceptions));
        // Human and agent activity, never merged: an examiner judges people and machines differently.
        for (String kind : List.of("human", "agent")) {
            headline.add(new Figure("summary.sessions_" + kind + "s", "Sessions active in the period, " + kind + "s",
                    context.count("select count(*) " + EvidenceSql.ACTIVE_SESSIONS + " and s.identity_kind = '" + kind + "'")));
            headline.add(new Figure("summary.statements_" + kind + "s", "Statements recorded, " + kind + "s",
                    context.count("select count(*) " + EvidenceSql.SCOPED_STATEMENTS + " and s.identity_kind = '" + kind + "'")));
        }
        ExecutiveSummary withHeadline = new ExecutiveSummary(summary.activity(), summary.verdicts(), summary.approvals(), summary.masking(),
                headline);
        return new EvidenceReport(packId, scope, connections.stream().sorted().toList(), generator, generatedBy, generatedAt,
                withHeadline, sections, availability, null);
    }

    private static SectionBuilder builder(FfiecControl control) {
        return switch (control) {
            case C1 -> IdentitySections::c1;
            case C2 -> ApprovalSections::c2;
            case C3 -> GrantSections::c3;
            case C4 -> GrantSections::c4;
            case C5 -> MonitoringSections::c5;
            case C6 -> ApprovalSections::c6;
            case C7 -> ApprovalSections::c7;
            case C8 -> LogSections::c8;
            case C9 -> MonitoringSections::c9;
            case C10 -> LogSections::c10;
            case C11 -> LogSections::c11;
            case C12 -> LogSections::c12;
            case C13 -> IdentitySections::c13;
            case C14 -> MonitoringSections::c14;
            case C15 -> ExposureSection::c15;
        };
    }
}
