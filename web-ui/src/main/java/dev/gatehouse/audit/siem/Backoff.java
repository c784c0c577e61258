package dev.gatehouse.audit.siem;

import java.time.Duration;

/** Exponential back-off: the first wait, doubled per further consecutive failure, up to a ceiling. */
public record Backoff(Duration first, Duration max) {

    public static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Duration after(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        // Past 2^20 the ceiling has long been reached; the shift stays far from overflow.
        Duration wait = first.multipliedBy(1L << Math.min(consecutiveFailures - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
