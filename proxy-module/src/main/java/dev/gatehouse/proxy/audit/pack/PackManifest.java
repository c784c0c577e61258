package dev.gatehouse.proxy.audit.pack;

import dev.gatehouse.proxy.audit.CanonicalJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An evidence pack's MANIFEST.json: who made the pack, for what scope, with which key it is signed,
 * and the SHA-256 and size of every other file in it. It is written as canonical JSON, so the bytes
 * the signature covers are the bytes a reader parses; files are sorted by path.
 *
 * @param scope plain strings (period_from, period_to, connections, labels, controls), shown to the
 *              examiner as they are; the verifier does not interpret them
 */
public record PackManifest(String format, String packId, Instant generatedAt, String generatedBy, String generator,
        Map<String, String> scope, String keyId, List<PackFile> files) {

    public static final String FORMAT = "gatehouse-evidence-pack/1";
    public static final String FILE_NAME = "MANIFEST.json";

    /** One listed file; {@code path} uses '/' and is relative to the pack's root. */
    public record PackFile(String path, String sha256, long size) {
    }

    public PackManifest {
        scope = new TreeMap<>(scope);
        files = files.stream().sorted(Comparator.comparing(PackFile::path)).toList();
    }

    public static PackManifest of(String packId, Instant generatedAt, String generatedBy, String generator, Map<String, String> scope,
            String keyId, List<PackFile> files) {
        return new PackManifest(FORMAT, packId, generatedAt, generatedBy, generator, scope, keyId, files);
    }

    /** The exact bytes written as MANIFEST.json and signed. */
    public byte[] toBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    public String toJson() {
        List<Object> listed = new ArrayList<>();
        for (PackFile file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.path());
            entry.put("sha256", file.sha256());
            entry.put("size", file.size());
            listed.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", format);
        json.put("pack_id", packId);
        json.put("generated_at", generatedAt.toString());
        json.put("generated_by", generatedBy);
        json.put("generator", generator);
        json.put("scope", scope);
        json.put("key_id", keyId);
        json.put("files", listed);
        return CanonicalJson.write(json);
    }

    /** Reads a manifest; throws IllegalArgumentException saying what is wrong or unsupported. */
    public static PackManifest parse(String json) {
        if (!(CanonicalJson.parse(json) instanceof Map<?, ?> manifest)) {
            throw new IllegalArgumentException(FILE_NAME + " is not a JSON object");
        }
        if (!FORMAT.equals(manifest.get("format"))) {
            throw new IllegalArgumentException(FILE_NAME + " is not a " + FORMAT + " manifest (format " + manifest.get("format") + ")");
        }
        try {
            Map<String, String> scope = new TreeMap<>();
            ((Map<?, ?>) manifest.get("scope")).forEach((key, value) -> scope.put((String) key, (String) value));
            List<PackFile> files = new ArrayList<>();
            for (Object entry : (List<?>) manifest.get("files")) {
                Map<?, ?> file = (Map<?, ?>) entry;
                files.add(new PackFile(required(file, "path"), required(file, "sha256"), ((BigDecimal) file.get("size")).longValueExact()));
            }
            return new PackManifest(FORMAT, required(manifest, "pack_id"), Instant.parse(required(manifest, "generated_at")),
                    (String) manifest.get("generated_by"), (String) manifest.get("generator"), scope, required(manifest, "key_id"), files);
        } catch (ClassCastException | ArithmeticException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException(FILE_NAME + " lacks a field or has one of the wrong type", e);
        }
    }

    private static String required(Map<?, ?> map, String field) {
        if (!(map.get(field) instanceof String value) || value.isEmpty()) {
            throw new IllegalArgumentException(FILE_NAME + " has no " + field);
        }
        return value;
    }
}
