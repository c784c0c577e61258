package dev.gatehouse.evidence.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How the report prints an instant: to the second, in UTC, with the zone said ("2026-12-08 03:40:07 UTC"). */
public final class ReportTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReportTime() {
    }

    public static String format(Instant at) {
        return at == null ? "-" : FORMAT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
