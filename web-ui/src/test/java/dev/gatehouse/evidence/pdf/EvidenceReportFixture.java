package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.ExecutiveSummary;
import dev.gatehouse.evidence.report.ExecutiveSummary.DayActivity;
import dev.gatehouse.evidence.report.ExecutiveSummary.MaskingDay;
import dev.gatehouse.evidence.report.Figure;
import dev.gatehouse.evidence.report.SectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

/** A report as the pack builder would hand it over, with the awkward cases the PDF must survive. */
final class EvidenceReportFixture {

    static final String PACK_ID = "7c1f3e0a-5d2b-4c7e-9a41-0f6d2b8e9c11";
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");
    static final String EXAMINER_UNFRIENDLY_NAME = "Zo\u00eb \u674e \uD83D\uDE00 \u0141ukasz";
    static final int C6_EXCEPTIONS = 120;

    private EvidenceReportFixture() {
    }

    /** Fifteen sections with every status, 120 exceptions in C6, C5 out of scope, 59 days of activity. */
    static EvidenceReport realistic() {
        return report(FROM, TO, summary(days(FROM, TO, 1), 4100, 37, 22));
    }

    static EvidenceReport report(Instant from, Instant to, ExecutiveSummary summary) {
        EnumSet<FfiecControl> inScope = EnumSet.allOf(FfiecControl.class);
        inScope.remove(FfiecControl.C5);
        PackScope scope = new PackScope(from, to, List.of(), List.of("env=prod", "tier=core"), inScope);
        return new EvidenceReport(PACK_ID, scope, List.of("ledger-prod", "cards-prod", "crm-prod"), "Gatehouse 0.1.0",
                EXAMINER_UNFRIENDLY_NAME, Instant.parse("2025-03-02T09:15:30Z"), summary, sections());
    }

    static ExecutiveSummary summary(List<DayActivity> activity, long allowed, long blocked, long held) {
        List<MaskingDay> masking = activity.stream().map(day -> new MaskingDay(day.day(), day.statements() / 3)).toList();
        return new ExecutiveSummary(activity, new ExecutiveSummary.Verdicts(allowed, blocked, held),
                new ExecutiveSummary.Approvals(18, 3, 1, 0, Duration.ofSeconds(252), Duration.ofMinutes(63)),
                new ExecutiveSummary.Masking(masking.stream().mapToLong(MaskingDay::maskedValues).sum(), 310, masking),
                List.of(new Figure("summary.statements", "Statements in scope", allowed + blocked + held),
                        new Figure("summary.blocked", "Statements blocked", blocked),
                        new Figure("summary.identities", "Identities (humans and agents)", 5)));
    }

    static ExecutiveSummary emptySummary() {
        return new ExecutiveSummary(List.of(), new ExecutiveSummary.Verdicts(0, 0, 0),
                new ExecutiveSummary.Approvals(0, 0, 0, 0, null, null),
                new ExecutiveSummary.Masking(0, 0, List.of()), List.of());
    }

    /** One DayActivity per UTC day of [from, to), busier on weekdays. */
    static List<DayActivity> days(Instant from, Instant to, long scale) {
        List<DayActivity> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            long statements = (day.getDayOfWeek().getValue() < 6 ? 80 : 5) * scale;
            days.add(new DayActivity(day, statements / 10, statements, day.getDayOfMonth() % 7 == 0 ? 2 * scale : 0));
        }
        return days;
    }

    static List<ControlSection> sections() {
        List<ControlSection> sections = new ArrayList<>();
        for (FfiecControl control : FfiecControl.values()) {
            sections.add(section(control));
        }
        return sections;
    }

    private static ControlSection section(FfiecControl control) {
        return switch (control) {
            case C5 -> new ControlSection(control, SectionStatus.NOT_IN_SCOPE, List.of(), List.of(), List.of(),
                    "left out of scope by the auditor", List.of());
            case C6 -> new ControlSection(control, SectionStatus.EXCEPTIONS,
                    List.of("Every approval in the period was checked against its requester; self-approval attempts "
                            + "were refused by the workflow and logged."),
                    List.of(figure(control, "self_approvals", "Self-approval attempts blocked", C6_EXCEPTIONS),
                            figure(control, "approvals", "Approvals decided", 21)),
                    IntStream.rangeClosed(1, C6_EXCEPTIONS).mapToObj(i -> "2025-01-" + String.format("%02d", i % 28 + 1)
                            + "T10:00:00Z " + EXAMINER_UNFRIENDLY_NAME + " tried to approve own request #" + i).toList(),
                    null, List.of("grants/approvals.csv", "grants/approval-steps.csv"));
            case C8 -> new ControlSection(control, SectionStatus.NO_EVIDENCE, List.of(), List.of(), List.of(),
                    "retention purge events are not recorded by this gateway version", List.of("retention/settings.json"));
            case C7 -> new ControlSection(control, SectionStatus.EXCEPTIONS,
                    List.of("Change statements ran only after an approval bound to their exact text."),
                    List.of(figure(control, "blocked_changes", "Blocked change attempts", 12),
                            figure(control, "approved_changes", "Changes run after approval", 1234567),
                            figure(control, "long", "Change statements that were approved in one step by a connection "
                                    + "owner and then run within the approval window on a production connection", 40)),
                    List.of("2025-02-03T08:00:01Z agent etl-bot DROP TABLE ledger.entries blocked"),
                    null, List.of("statements/blocked.csv"));
            default -> new ControlSection(control, SectionStatus.EFFECTIVE,
                    List.of("The gateway recorded the evidence for " + control.title().toLowerCase()
                            + " in the appendices listed below. " + "averyveryverylongtokenwithoutanyspaces".repeat(6)),
                    List.of(figure(control, "identities", "Identities covered", control.ordinal() + 3L),
                            figure(control, "events", "Events examined", 1000L * (control.ordinal() + 1))),
                    List.of(), null, List.of("identity/inventory.csv", "identity/inventory.json"));
        };
    }

    private static Figure figure(FfiecControl control, String key, String label, long value) {
        return new Figure(control.name() + "." + key, label, value);
    }
}
