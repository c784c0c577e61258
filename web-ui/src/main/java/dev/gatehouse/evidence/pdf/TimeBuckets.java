package dev.gatehouse.evidence.pdf;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily counts gathered into as few buckets as a chart can draw legibly: days while they fit, then
 * weeks (from the first day), months, or years. Days without a count are zero; sums saturate at
 * Long.MAX_VALUE rather than wrap.
 *
 * @param values one array per series, one entry per bucket
 */
record TimeBuckets(Unit unit, List<String> labels, List<long[]> values) {

    static final int MAX_BUCKETS = 60;

    enum Unit {
        DAY("per day"), WEEK("per week"), MONTH("per month"), YEAR("per year");

        final String words;

        Unit(String words) {
            this.words = words;
        }
    }

    /** One day's counts, one per series. */
    record DayValues(LocalDate day, long... values) {
    }

    static TimeBuckets of(LocalDate first, LocalDate last, int seriesCount, List<DayValues> days) {
        LocalDate from = first;
        LocalDate to = last.isBefore(first) ? first : last;
        for (DayValues day : days) {
            from = day.day().isBefore(from) ? day.day() : from;
            to = day.day().isAfter(to) ? day.day() : to;
        }
        Unit unit = unitFor(from, to);
        int count = (int) index(unit, from, to) + 1;
        List<long[]> values = new ArrayList<>();
        for (int series = 0; series < seriesCount; series++) {
            values.add(new long[count]);
        }
        for (DayValues day : days) {
            int bucket = (int) index(unit, from, day.day());
            for (int series = 0; series < seriesCount && series < day.values().length; series++) {
                long[] sums = values.get(series);
                sums[bucket] = saturatingAdd(sums[bucket], day.values()[series]);
            }
        }
        return new TimeBuckets(unit, labels(unit, from, count), values);
    }

    int size() {
        return labels.size();
    }

    long max() {
        long max = 0;
        for (long[] series : values) {
            for (long value : series) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    private static Unit unitFor(LocalDate from, LocalDate to) {
        for (Unit unit : Unit.values()) {
            if (index(unit, from, to) < MAX_BUCKETS) {
                return unit;
            }
        }
        return Unit.YEAR;
    }

    private static long index(Unit unit, LocalDate from, LocalDate day) {
        return switch (unit) {
            case DAY -> ChronoUnit.DAYS.between(from, day);
            case WEEK -> ChronoUnit.DAYS.between(from, day) / 7;
            case MONTH -> ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(day));
            case YEAR -> day.getYear() - from.getYear();
        };
    }

    private static List<String> labels(Unit unit, LocalDate from, int count) {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(switch (unit) {
                case DAY -> from.plusDays(i).toString();
                case WEEK -> from.plusWeeks(i).toString();
                case MONTH -> YearMonth.from(from).plusMonths(i).toString();
                case YEAR -> Integer.toString(from.getYear() + i);
            });
        }
        return labels;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + Math.max(0, b);
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
