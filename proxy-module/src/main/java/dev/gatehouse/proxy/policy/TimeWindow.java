package dev.gatehouse.proxy.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * When a rule applies: on {@code days} (empty: every day), from {@code from} until just before
 * {@code to} in {@code zone}. A window whose end is before its start runs over midnight. With
 * {@code outside}, the rule applies outside the window instead ("deny writes outside business
 * hours").
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone, boolean outside) {

    public TimeWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a time window needs different start and end times");
        }
    }

    public boolean applies(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean inTime = from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
        // Past midnight, the window belongs to the day it started on.
        DayOfWeek day = !from.isBefore(to) && time.isBefore(to) ? local.getDayOfWeek().minus(1) : local.getDayOfWeek();
        boolean inside = inTime && (days.isEmpty() || days.contains(day));
        return inside != outside;
    }
}
