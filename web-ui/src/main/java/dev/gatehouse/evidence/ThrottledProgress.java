package dev.gatehouse.evidence;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Passes a builder's progress on to the pack's row, at most once per interval and never backwards.
 * A builder may report after every row it writes; the page polls about once a second, so writing
 * each report would only load the store. A report that is skipped is not lost for good: the next
 * one that passes carries the latest stage and the highest percent so far. 100 always passes.
 */
public final class ThrottledProgress implements PackProgress {

    /** About four writes a second at most. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private final PackProgress row;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private int percent;
    private long lastWrite;
    private boolean written;

    public ThrottledProgress(PackProgress row, Duration interval, LongSupplier nanoTime) {
        this.row = row;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    public ThrottledProgress(PackProgress row) {
        this(row, DEFAULT_INTERVAL, System::nanoTime);
    }

    @Override
    public synchronized void at(String stage, int reported) {
        percent = Math.max(percent, Math.clamp(reported, 0, 100));
        long now = nanoTime.getAsLong();
        if (written && percent < 100 && now - lastWrite < intervalNanos) {
            return;
        }
        written = true;
        lastWrite = now;
        row.at(stage, percent);
    }

    /** The highest percent reported so far. */
    public synchronized int percent() {
        return percent;
    }
}
