package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bundle's manifest.json (docs/audit-chain.md, "Export bundle"). It describes the export; it is
 * not signed, so the verifier trusts only what the rows and checkpoints prove, and uses
 * {@code last_seq} merely to notice a copy cut short.
 *
 * @param to       the requested end of the range, null when it was open
 * @param firstSeq the first event exported, null when none was
 * @param lastSeq  the last event exported, null when none was
 */
public record BundleManifest(int formatVersion, long from, Long to, Long firstSeq, Long lastSeq, long events, long checkpoints,
        Long legacyUnchainedRows, long purgedDetails, long purgedPayloads, String exportedAt, String exporter) {

    public static final String FORMAT = "gatehouse-audit-bundle";
    public static final int FORMAT_VERSION = 1;

    public SeqRange range() {
        return SeqRange.of(from, to);
    }

    public String toJson() {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("from", from);
        range.put("to", to);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("events", events);
        counts.put("checkpoints", checkpoints);
        counts.put("legacy_unchained_rows", legacyUnchainedRows);
        counts.put("purged_details", purgedDetails);
        counts.put("purged_payloads", purgedPayloads);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("format_version", formatVersion);
        manifest.put("canonical_form_version", ChainedEvent.FORM_VERSION);
        manifest.put("range", range);
        manifest.put("first_seq", firstSeq);
        manifest.put("last_seq", lastSeq);
        manifest.put("counts", counts);
        manifest.put("exported_at", exportedAt);
        manifest.put("exporter", exporter);
        return CanonicalJson.write(manifest);
    }

    /** Reads a manifest; throws IllegalArgumentException saying what is wrong or unsupported. */
    public static BundleManifest fromJson(String json) {
        if (!(CanonicalJson.parse(json) instanceof Map<?, ?> manifest) || !FORMAT.equals(manifest.get("format"))) {
            throw new IllegalArgumentException("manifest.json does not describe a " + FORMAT);
        }
        try {
            int version = ((BigDecimal) manifest.get("format_version")).intValueExact();
            if (version > FORMAT_VERSION) {
                throw new IllegalArgumentException("the bundle has format version " + version + ", newer than this verifier reads ("
                        + FORMAT_VERSION + ")");
            }
            Map<?, ?> range = (Map<?, ?>) manifest.get("range");
            Map<?, ?> counts = (Map<?, ?>) manifest.get("counts");
            return new BundleManifest(version, number(range.get("from")), optional(range.get("to")), optional(manifest.get("first_seq")),
                    optional(manifest.get("last_seq")), number(counts.get("events")), number(counts.get("checkpoints")),
                    optional(counts.get("legacy_unchained_rows")), number(counts.get("purged_details")), number(counts.get("purged_payloads")),
                    (String) manifest.get("exported_at"), (String) manifest.get("exporter"));
        } catch (ClassCastException | ArithmeticException | NullPointerException e) {
            throw new IllegalArgumentException("manifest.json lacks a field or has one of the wrong type", e);
        }
    }

    private static long number(Object value) {
        return ((BigDecimal) value).longValueExact();
    }

    private static Long optional(Object value) {
        return value == null ? null : number(value);
    }
}
