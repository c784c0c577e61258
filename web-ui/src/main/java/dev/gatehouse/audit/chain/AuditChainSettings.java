package dev.gatehouse.audit.chain;

import static dev.gatehouse.platform.EnvironmentValues.number;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The audit chain's environment settings (docs/audit-chain.md, "Configuration").
 *
 * @param checkpointEvents   {@code GATEHOUSE_AUDIT_CHECKPOINT_EVENTS}, default 10,000: sign after this many new events
 * @param checkpointInterval {@code GATEHOUSE_AUDIT_CHECKPOINT_SECONDS}, default 60: or after this long, whichever comes first
 * @param anchorDirectory    {@code GATEHOUSE_AUDIT_ANCHOR_DIR}, default {@code <data dir>/audit-anchor}; {@code off} disables it
 */
public record AuditChainSettings(long checkpointEvents, Duration checkpointInterval, Optional<Path> anchorDirectory) {

    public static AuditChainSettings from(Map<String, String> env, Path dataDir) {
        String anchor = env.getOrDefault("GATEHOUSE_AUDIT_ANCHOR_DIR", "").trim();
        Optional<Path> directory = anchor.equalsIgnoreCase("off") ? Optional.empty()
                : Optional.of(anchor.isEmpty() ? dataDir.resolve("audit-anchor") : Path.of(anchor).toAbsolutePath().normalize());
        return new AuditChainSettings(
                number(env, "GATEHOUSE_AUDIT_CHECKPOINT_EVENTS", 10_000, 1, 100_000_000),
                Duration.ofSeconds(number(env, "GATEHOUSE_AUDIT_CHECKPOINT_SECONDS", 60, 1, 86_400)),
                directory);
    }
}
