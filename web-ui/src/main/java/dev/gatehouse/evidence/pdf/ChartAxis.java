package dev.gatehouse.evidence.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis from 0 to a round top with a few round ticks (1, 2 or 5 times a power of ten), in
 * doubles so that counts up to Long.MAX_VALUE scale without overflow.
 */
record ChartAxis(double top, double step) {

    private static final double TARGET_TICKS = 4;
    private static final String[] UNITS = {"", "k", "M", "G", "T", "P", "E"};

    static ChartAxis covering(long max) {
        double highest = Math.max(1, max);
        double raw = highest / TARGET_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
        double step = Math.max(1, nice * magnitude);
        return new ChartAxis(Math.ceil(highest / step) * step, step);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= top * (1 + 1e-9); i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** The bar height of a value in a plot of the given height. */
    float scale(long value, float plotHeight) {
        return (float) (Math.max(0, value) / top * plotHeight);
    }

    /** Tick labels stay short: "750", "2500", "15k", "2.5M", "9.2E" (the exact numbers are in the tables). */
    static String compact(double value) {
        if (value < 10_000) {
            return Long.toString(Math.round(value));
        }
        int unit = 0;
        double scaled = value;
        while (scaled >= 1000 && unit < UNITS.length - 1) {
            scaled /= 1000;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", scaled);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + UNITS[unit];
    }
}
