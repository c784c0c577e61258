package dev.gatehouse.evidence.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.evidence.pdf.TimeBuckets.DayValues;
import dev.gatehouse.evidence.pdf.TimeBuckets.Unit;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);

    @Test
    void aShortPeriodKeepsOneBucketPerDayWithMissingDaysAsZero() {
        TimeBuckets buckets = TimeBuckets.of(FIRST, FIRST.plusDays(9), 2,
                List.of(new DayValues(FIRST.plusDays(3), 5, 1)));

        assertThat(buckets.unit()).isEqualTo(Unit.DAY);
        assertThat(buckets.size()).isEqualTo(10);
        assertThat(buckets.values().get(0)).containsExactly(0, 0, 0, 5, 0, 0, 0, 0, 0, 0);
        assertThat(buckets.labels().get(3)).isEqualTo("2025-01-04");
    }

    @Test
    void fourHundredDaysBecomeWeeksAndKeepTheirTotals() {
        List<DayValues> days = IntStream.range(0, 400).mapToObj(i -> new DayValues(FIRST.plusDays(i), 10, 1)).toList();

        TimeBuckets buckets = TimeBuckets.of(FIRST, FIRST.plusDays(399), 2, days);

        assertThat(buckets.unit()).isEqualTo(Unit.WEEK);
        assertThat(buckets.size()).isEqualTo(58).isLessThanOrEqualTo(TimeBuckets.MAX_BUCKETS);
        assertThat(Arrays.stream(buckets.values().get(0)).sum()).isEqualTo(4000);
        assertThat(Arrays.stream(buckets.values().get(1)).sum()).isEqualTo(400);
    }

    @Test
    void yearsOfActivityBecomeMonthsThenYears() {
        assertThat(TimeBuckets.of(FIRST, FIRST.plusYears(3), 1, List.of()).unit()).isEqualTo(Unit.MONTH);
        assertThat(TimeBuckets.of(FIRST, FIRST.plusYears(10), 1, List.of()).unit()).isEqualTo(Unit.YEAR);
    }

    @Test
    void sumsSaturateInsteadOfWrapping() {
        TimeBuckets buckets = TimeBuckets.of(FIRST, FIRST.plusDays(100), 1,
                List.of(new DayValues(FIRST, Long.MAX_VALUE), new DayValues(FIRST.plusDays(1), Long.MAX_VALUE)));

        assertThat(buckets.max()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theAxisTopIsARoundNumberAboveTheMaximum() {
        assertThat(ChartAxis.covering(0).ticks()).containsExactly(0.0, 1.0);
        assertThat(ChartAxis.covering(37)).isEqualTo(new ChartAxis(40, 10));
        assertThat(ChartAxis.covering(Long.MAX_VALUE).top()).isGreaterThanOrEqualTo(Long.MAX_VALUE);
        assertThat(ChartAxis.compact(2_500_000)).isEqualTo("2.5M");
        assertThat(ChartAxis.compact(750)).isEqualTo("750");
    }
}
