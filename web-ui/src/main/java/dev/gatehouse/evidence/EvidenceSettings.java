package dev.gatehouse.evidence;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where finished packs are kept and how many are built at once. GATEHOUSE_EVIDENCE_DIR defaults to
 * {@code <data dir>/evidence}, beside the audit anchor and the SIEM files; GATEHOUSE_EVIDENCE_CONCURRENCY
 * (default 2) caps the packs built together, the rest wait in order.
 */
public record EvidenceSettings(Path directory, int concurrency) {

    static final int DEFAULT_CONCURRENCY = 2;

    public EvidenceSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("GATEHOUSE_EVIDENCE_CONCURRENCY must be 1 or more");
        }
    }

    public static EvidenceSettings from(Map<String, String> env, Path dataDir) {
        String dir = env.getOrDefault("GATEHOUSE_EVIDENCE_DIR", "").trim();
        String concurrency = env.getOrDefault("GATEHOUSE_EVIDENCE_CONCURRENCY", "").trim();
        return new EvidenceSettings(dir.isEmpty() ? dataDir.resolve("evidence") : Path.of(dir).toAbsolutePath().normalize(),
                concurrency.isEmpty() ? DEFAULT_CONCURRENCY : parse(concurrency));
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GATEHOUSE_EVIDENCE_CONCURRENCY must be a whole number, got '" + value + "'");
        }
    }
}
