package dev.gatehouse.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a rule's time window applies (how rules use it: GuardrailEngineTest.TimeWindows). */
class TimeWindowTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Set<DayOfWeek> WORKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    final TimeWindow businessHours = new TimeWindow(WORKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN, false);

    @Test
    void insideAndOutsideADaytimeWindow() {
        assertThat(businessHours.applies(Instant.parse("2025-01-15T08:00:00Z"))).isTrue(); // Wed 09:00 Berlin: start is inside
        assertThat(businessHours.applies(Instant.parse("2025-01-15T15:59:59Z"))).isTrue(); // Wed 16:59:59
        assertThat(businessHours.applies(Instant.parse("2025-01-15T16:00:00Z"))).isFalse(); // Wed 17:00: end is outside
        assertThat(businessHours.applies(Instant.parse("2025-01-15T07:59:59Z"))).isFalse(); // Wed 08:59:59
        assertThat(businessHours.applies(Instant.parse("2025-01-18T12:00:00Z"))).isFalse(); // Saturday
    }

    @Test
    void aWindowOverMidnightBelongsToTheDayItStarted() {
        TimeWindow fridayNight = new TimeWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0), ZoneId.of("UTC"), false);
        assertThat(fridayNight.applies(Instant.parse("2025-01-17T23:30:00Z"))).isTrue(); // Friday 23:30
        assertThat(fridayNight.applies(Instant.parse("2025-01-18T01:30:00Z"))).isTrue(); // Saturday 01:30, started Friday
        assertThat(fridayNight.applies(Instant.parse("2025-01-18T02:00:00Z"))).isFalse();
        assertThat(fridayNight.applies(Instant.parse("2025-01-17T01:30:00Z"))).isFalse(); // Friday 01:30 started Thursday
        assertThat(fridayNight.applies(Instant.parse("2025-01-17T12:00:00Z"))).isFalse();
    }

    @Test
    void aWindowNeedsDifferentStartAndEnd() {
        assertThatThrownBy(() -> new TimeWindow(Set.of(), LocalTime.NOON, LocalTime.NOON, BERLIN, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeWindow(Set.of(), null, LocalTime.NOON, BERLIN, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TimeWindow(Set.of(), LocalTime.MIDNIGHT, LocalTime.NOON, null, false))
                .isInstanceOf(NullPointerException.class);
        assertThat(new TimeWindow(null, LocalTime.MIDNIGHT, LocalTime.NOON, BERLIN, false).days()).isEmpty();
    }
}
