package dev.gatehouse.retention;

import static dev.gatehouse.platform.EnvironmentValues.number;

import java.time.Duration;
import java.util.Map;

/**
 * The purge's environment settings (docs/guides/retention.md).
 *
 * @param purgeInterval {@code GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS}, default 86400 (daily); 0 turns the
 *                      schedule off, leaving only runs started from the UI or REST
 * @param firstDelay    {@code GATEHOUSE_RETENTION_PURGE_FIRST_DELAY_SECONDS}, default 300, capped at the interval: a
 *                      node restarted every day still purges, and a start is not slowed by a purge
 * @param batchSize     {@code GATEHOUSE_RETENTION_PURGE_BATCH}, default 1000: rows per batch, each in a transaction of its own
 */
public record RetentionSettings(Duration purgeInterval, Duration firstDelay, int batchSize) {

    public static RetentionSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static RetentionSettings from(Map<String, String> env) {
        long interval = number(env, "GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS", 86_400, 0, 366L * 86_400);
        long firstDelay = number(env, "GATEHOUSE_RETENTION_PURGE_FIRST_DELAY_SECONDS", 300, 0, 366L * 86_400);
        int batch = (int) number(env, "GATEHOUSE_RETENTION_PURGE_BATCH", 1000, 1, 100_000);
        return new RetentionSettings(Duration.ofSeconds(interval), Duration.ofSeconds(interval == 0 ? 0 : Math.min(firstDelay, interval)),
                batch);
    }

    public boolean scheduled() {
        return !purgeInterval.isZero();
    }
}
