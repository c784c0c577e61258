package dev.gatehouse.proxy.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * One link of the audit chain: the fields an event is hashed over, its predecessor's hash and its
 * own. The details are not hashed directly but through {@code detailsSha256}, and statement text
 * and parameters sit inside the details only as their hashes, so retention can drop a payload, or
 * the details themselves, and every link still verifies.
 *
 * @param detailsSha256 SHA-256 (hex) of {@link CanonicalJson#write} of the details
 * @param prevHash      the previous link's hash, or {@link #GENESIS} for seq 1
 * @param hash          SHA-256 (hex) of {@link #canonicalForm()}
 */
public record ChainedEvent(long seq, Instant occurredAt, String action, String actor, String actorKind, String clientAddress,
        String targetType, String targetId, String targetName, String outcome, String detailsSha256, String prevHash, String hash) {

    /** The canonical form's version; a new form gets a new number and the verifier keeps reading the old one. */
    public static final int FORM_VERSION = 1;
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Links an event after {@code prevHash}, computing its hash. */
    public static ChainedEvent link(long seq, Instant occurredAt, String action, String actor, String actorKind, String clientAddress,
            String targetType, String targetId, String targetName, String outcome, String detailsSha256, String prevHash) {
        ChainedEvent unhashed = new ChainedEvent(seq, occurredAt.truncatedTo(ChronoUnit.MICROS), action, actor, actorKind, clientAddress, targetType, targetId,
                targetName, outcome, detailsSha256, prevHash, null);
        return unhashed.withHash(Digests.sha256Hex(unhashed.canonicalForm()));
    }

    public ChainedEvent withHash(String newHash) {
        return new ChainedEvent(seq, occurredAt, action, actor, actorKind, clientAddress, targetType, targetId, targetName, outcome,
                detailsSha256, prevHash, newHash);
    }

    /** What the hash covers: every field but the hash itself (docs/audit-chain.md). */
    public String canonicalForm() {
        // Sorted maps: CanonicalJson writes them without sorting a copy, and this runs once per row verified.
        Map<String, Object> form = new TreeMap<>();
        form.put("v", FORM_VERSION);
        form.put("seq", seq);
        form.put("time", formatTime(occurredAt));
        form.put("action", action);
        Map<String, Object> who = new TreeMap<>();
        who.put("name", actor);
        who.put("kind", actorKind);
        who.put("address", clientAddress);
        form.put("actor", who);
        Map<String, Object> target = new TreeMap<>();
        target.put("type", targetType);
        target.put("id", targetId);
        target.put("name", targetName);
        form.put("target", target);
        form.put("outcome", outcome);
        form.put("details_sha256", detailsSha256);
        form.put("prev_hash", prevHash);
        return CanonicalJson.write(form);
    }

    /** The hash the stored fields give; differs from {@link #hash} when a field was changed after writing. */
    public String recomputedHash() {
        return Digests.sha256Hex(canonicalForm());
    }

    /** Time as the chain hashes it: UTC, always six fractional digits (the store's precision). */
    public static String formatTime(Instant at) {
        return TIME.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    /** The hash of an event's details: their canonical form's SHA-256. */
    public static String detailsSha256(Map<String, ?> details) {
        return Digests.sha256Hex(CanonicalJson.write(details));
    }
}
