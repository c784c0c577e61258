package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.pdf.CategoryChart.Category;
import dev.gatehouse.evidence.pdf.ChartCanvas.Colour;
import dev.gatehouse.evidence.pdf.ChartCanvas.LegendEntry;
import dev.gatehouse.evidence.pdf.TimeBuckets.DayValues;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.ExecutiveSummary.Approvals;
import dev.gatehouse.evidence.report.ExecutiveSummary.Verdicts;
import dev.gatehouse.evidence.report.Figure;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The executive summary: the headline figures, then the four charts over the period. */
final class SummaryPages {

    static final String HEADING = "Executive summary";
    static final String HEADLINE = "Headline figures";
    static final String CHARTS = "Charts";
    static final String STATUS_TABLE = "Status of the 15 controls";
    static final String NO_CHARTS = "No chart: the period holds no statement, approval or masked value to draw.";

    private SummaryPages() {
    }

    static void write(PageCursor cursor, EvidenceReport report) throws IOException {
        ExecutiveSummary summary = report.summary();
        LocalDate firstDay = LocalDate.ofInstant(report.scope().from(), ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(report.scope().to().minusNanos(1), ZoneOffset.UTC);
        cursor.newPage();
        cursor.heading(HEADING);
        cursor.subheading(STATUS_TABLE);
        statusTable(cursor, report);
        AvailabilityBlock.write(cursor, report.availability(), report.annexes().timeSync());
        cursor.subheading(HEADLINE);
        if (summary.headline().isEmpty()) {
            cursor.paragraph("No headline figures.");
        }
        for (Figure figure : summary.headline()) {
            cursor.labelValue(figure.label(), Long.toString(figure.value()));
        }
        // Charts only where there is data: an empty chart says nothing and takes room.
        boolean activity = summary.activity().stream().anyMatch(d -> d.statements() > 0 || d.blocked() > 0);
        Verdicts v = summary.verdicts();
        boolean verdicts = v.allowed() + v.blocked() + v.heldForApproval() > 0;
        Approvals a = summary.approvals();
        boolean approvals = a.approved() + a.rejected() + a.expired() + a.pending() > 0;
        boolean masking = summary.masking().maskedValues() > 0;
        cursor.subheading(CHARTS);
        if (!(activity || verdicts || approvals || masking)) {
            cursor.paragraph(NO_CHARTS);
            return;
        }
        if (activity) {
            activity(cursor, summary, firstDay, lastDay);
        }
        if (verdicts) {
            verdicts(cursor, v);
        }
        if (approvals) {
            approvals(cursor, a);
        }
        if (masking) {
            masking(cursor, summary, firstDay, lastDay);
        }
    }

    /** One row per control, C1..C15, with its status in words: the page an examiner reads first. */
    private static void statusTable(PageCursor cursor, EvidenceReport report) throws IOException {
        java.util.Map<dev.gatehouse.evidence.FfiecControl, dev.gatehouse.evidence.report.ControlSection> byControl =
                new java.util.EnumMap<>(dev.gatehouse.evidence.FfiecControl.class);
        report.sections().forEach(section -> byControl.putIfAbsent(section.control(), section));
        for (dev.gatehouse.evidence.FfiecControl control : dev.gatehouse.evidence.FfiecControl.values()) {
            dev.gatehouse.evidence.report.ControlSection section = byControl.getOrDefault(control, ControlSectionPages.missing(control));
            String exceptions = section.exceptions().isEmpty() ? "" : " (" + section.exceptions().size() + " exception lines)";
            cursor.labelValue(control.heading(), ControlSectionPages.inWords(section.status()) + exceptions);
        }
    }

    private static void activity(PageCursor cursor, ExecutiveSummary summary, LocalDate firstDay, LocalDate lastDay)
            throws IOException {
        List<DayValues> days = summary.activity().stream()
                .map(day -> new DayValues(day.day(), day.statements(), day.blocked())).toList();
        long statements = 0;
        long blocked = 0;
        for (ExecutiveSummary.DayActivity day : summary.activity()) {
            statements = saturatingAdd(statements, day.statements());
            blocked = saturatingAdd(blocked, day.blocked());
        }
        TimeSeriesChart.draw(cursor, "Activity over time", "Statements " + statements + ", of which blocked " + blocked,
                TimeBuckets.of(firstDay, lastDay, 2, days),
                List.of(new LegendEntry("Statements", Colour.STATEMENTS), new LegendEntry("Blocked", Colour.BLOCKED)));
    }

    private static void verdicts(PageCursor cursor, Verdicts verdicts) throws IOException {
        CategoryChart.draw(cursor, "Blocked vs allowed vs held for approval", null, List.of(
                new Category("Allowed", verdicts.allowed(), Colour.ALLOWED),
                new Category("Blocked", verdicts.blocked(), Colour.BLOCKED),
                new Category("Held for approval", verdicts.heldForApproval(), Colour.HELD)));
    }

    private static void approvals(PageCursor cursor, Approvals approvals) throws IOException {
        String latency = "Median decision latency " + latency(approvals.medianLatency()) + "; 90th percentile "
                + latency(approvals.p90Latency());
        CategoryChart.draw(cursor, "Approvals by outcome", latency, List.of(
                new Category("Approved", approvals.approved(), Colour.ALLOWED),
                new Category("Rejected", approvals.rejected(), Colour.BLOCKED),
                new Category("Expired", approvals.expired(), Colour.NEUTRAL),
                new Category("Pending", approvals.pending(), Colour.HELD)));
    }

    private static void masking(PageCursor cursor, ExecutiveSummary summary, LocalDate firstDay, LocalDate lastDay)
            throws IOException {
        ExecutiveSummary.Masking masking = summary.masking();
        List<DayValues> days = masking.perDay().stream().map(day -> new DayValues(day.day(), day.maskedValues())).toList();
        TimeSeriesChart.draw(cursor, "Masking volume",
                "Masked values " + masking.maskedValues() + " in " + masking.statementsWithMasking() + " statements",
                TimeBuckets.of(firstDay, lastDay, 1, days), List.of(new LegendEntry("Masked values", Colour.MASKED)));
    }

    /** "4m 12s", "1h 3m", "2d 5h"; "n/a" when nothing was decided. */
    static String latency(Duration duration) {
        if (duration == null) {
            return "n/a";
        }
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + Math.max(0, b);
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
