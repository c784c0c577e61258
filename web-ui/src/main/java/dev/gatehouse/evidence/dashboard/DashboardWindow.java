package dev.gatehouse.evidence.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/**
 * "The last 30 days" as the dashboard counts them: the 30 UTC calendar days that end with today,
 * from 00:00 UTC 29 days ago up to the moment of the query. Whole UTC days, so that every bar of a
 * chart covers the same span as the audit trail's UTC timestamps, and today's bar fills as the day goes.
 *
 * @param from  00:00 UTC of the first day, inclusive
 * @param to    the moment of the query, exclusive
 * @param days  the UTC days in order, oldest first
 */
public record DashboardWindow(Instant from, Instant to, List<LocalDate> days) {

    public static final int DAYS = 30;

    public DashboardWindow {
        days = List.copyOf(days);
    }

    public static DashboardWindow endingAt(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        return new DashboardWindow(first.atStartOfDay(ZoneOffset.UTC).toInstant(), now,
                IntStream.range(0, DAYS).mapToObj(first::plusDays).toList());
    }

    /** The moment before which a grant's last use makes it stale: 30 days (720 hours) before the query. */
    public Instant staleBefore() {
        return to.minus(Duration.ofDays(DashboardWindow.DAYS));
    }
}
