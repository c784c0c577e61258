package dev.gatehouse.retention;

import java.util.Locale;

/** How a purge run ended, or that it is still going. */
public enum PurgeOutcome {
    RUNNING,
    COMPLETED,
    /** Stopped by an error; what it purged before stays purged and is counted. */
    FAILED,
    /** Another node (or run) held the purge lock; nothing was done. */
    SKIPPED,
    /** Found still "running" when the next run began: its node stopped mid-run. */
    INTERRUPTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PurgeOutcome fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
