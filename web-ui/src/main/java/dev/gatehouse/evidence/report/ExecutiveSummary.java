package dev.gatehouse.evidence.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The first pages of the report: activity over time, blocked against allowed, approvals by outcome
 * and latency, and masking volume (each drawn as a chart), plus the headline figures.
 */
public record ExecutiveSummary(List<DayActivity> activity, Verdicts verdicts, Approvals approvals, Masking masking,
        List<Figure> headline) {

    public ExecutiveSummary {
        activity = List.copyOf(activity);
        headline = List.copyOf(headline);
    }

    /** One UTC day of the period. */
    public record DayActivity(LocalDate day, long sessions, long statements, long blocked) {
    }

    public record Verdicts(long allowed, long blocked, long heldForApproval) {
    }

    /** Approval requests opened in the period by outcome, and decision latency over the decided ones. */
    public record Approvals(long approved, long rejected, long expired, long pending, Duration medianLatency,
            Duration p90Latency) {
    }

    /** Masked values and statements per day, and the totals. */
    public record Masking(long maskedValues, long statementsWithMasking, List<MaskingDay> perDay) {

        public Masking {
            perDay = List.copyOf(perDay);
        }
    }

    public record MaskingDay(LocalDate day, long maskedValues) {
    }
}
