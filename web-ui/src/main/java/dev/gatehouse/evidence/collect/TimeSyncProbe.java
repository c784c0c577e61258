package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.report.TimeSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Measures the time-sync statement at generation: the store's clock against the gateway's (the
 * midpoint of a round trip), and the clock source: GATEHOUSE_CLOCK_SOURCE when the operator states
 * it, else what the operating system shows (systemd-timesyncd's or chrony's state files).
 */
public final class TimeSyncProbe {

    private TimeSyncProbe() {
    }

    public static TimeSync measure(Connection store, Map<String, String> env) throws SQLException {
        Instant sent;
        Instant received;
        Instant storeClock;
        try (Statement st = store.createStatement()) {
            sent = Instant.now();
            try (ResultSet rs = st.executeQuery("select clock_timestamp()")) {
                rs.next();
                storeClock = rs.getTimestamp(1).toInstant();
            }
            received = Instant.now();
        }
        long roundTrip = Duration.between(sent, received).toMillis();
        Instant midpoint = sent.plusMillis(roundTrip / 2);
        long offset = Duration.between(midpoint, storeClock).toMillis();
        return new TimeSync(received, offset, roundTrip, source(env));
    }

    static String source(Map<String, String> env) {
        String stated = env.getOrDefault("GATEHOUSE_CLOCK_SOURCE", "").trim();
        if (!stated.isEmpty()) {
            return "stated by the operator (GATEHOUSE_CLOCK_SOURCE): " + stated;
        }
        if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) {
            return "systemd-timesyncd reports the clock synchronised over NTP";
        }
        if (Files.exists(Path.of("/run/chrony/chronyd.pid")) || Files.exists(Path.of("/var/run/chrony/chronyd.pid"))) {
            return "chronyd (NTP) is running; its synchronisation state is not readable by the gateway";
        }
        return "not determined: no NTP daemon state is visible to the gateway and GATEHOUSE_CLOCK_SOURCE is not set";
    }
}
