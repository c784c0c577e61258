package dev.gatehouse.it;

import dev.gatehouse.recording.RecordedActivity;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Twenty thousand statements of three days ago (33 minutes of them) in the deployed gateway's store, written by the
 * recorder's own code with their chained audit events, so that a pack over "the last week" takes
 * seconds to build: long enough for a test to see it queued or running, whatever the machine.
 * Three days back, so they never pass for the latest activity that other tests look for.
 * Written once per store.
 */
public final class BusyPeriod {

    public static final String CONNECTION = "evidence-busy";

    private BusyPeriod() {
    }

    public static void seed() throws Exception {
        if (Long.parseLong(TestDatabase.singleValue("select count(*) from data_session where connection_name = '" + CONNECTION + "'")) > 0) {
            return;
        }
        try (Connection store = TestDatabase.open()) {
            RecordedActivity.write(store, CONNECTION, 200, 100, Instant.now().minus(Duration.ofDays(3)), Duration.ofMillis(100));
        }
    }
}
