package dev.gatehouse.audit.siem;

import static dev.gatehouse.platform.EnvironmentValues.number;
import static dev.gatehouse.platform.EnvironmentValues.text;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The SIEM export's environment settings (docs/siem.md, "Settings").
 *
 * @param pollInterval  {@code GATEHOUSE_SIEM_POLL_MILLIS}, default 1000: how often an idle sink looks for new events
 * @param batchSize     {@code GATEHOUSE_SIEM_BATCH}, default 500: events per send
 * @param threads       {@code GATEHOUSE_SIEM_THREADS}, default 4: delivery threads shared by all sinks of this node
 * @param fileDirectory {@code GATEHOUSE_SIEM_FILE_DIR}, default {@code <data dir>/siem}: the only place file sinks write
 * @param hostName      {@code GATEHOUSE_SIEM_HOSTNAME}, default the machine's name: the host in syslog and HEC
 * @param sendTimeout   {@code GATEHOUSE_SIEM_TIMEOUT_SECONDS}, default 30: the longest one send may take
 */
public record SiemSettings(Duration pollInterval, int batchSize, int threads, Path fileDirectory, String hostName, Duration sendTimeout) {

    public static SiemSettings from(Map<String, String> env, Path dataDir) {
        return new SiemSettings(
                Duration.ofMillis(number(env, "GATEHOUSE_SIEM_POLL_MILLIS", 1000, 50, 60_000)),
                number(env, "GATEHOUSE_SIEM_BATCH", 500, 1, 10_000),
                number(env, "GATEHOUSE_SIEM_THREADS", 4, 2, 64),
                text(env, "GATEHOUSE_SIEM_FILE_DIR").map(Path::of).orElse(dataDir.resolve("siem")).toAbsolutePath().normalize(),
                text(env, "GATEHOUSE_SIEM_HOSTNAME").orElseGet(SiemSettings::localHostName),
                Duration.ofSeconds(number(env, "GATEHOUSE_SIEM_TIMEOUT_SECONDS", 30, 1, 600)));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gatehouse";
        }
    }
}
