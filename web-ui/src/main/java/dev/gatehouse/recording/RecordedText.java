package dev.gatehouse.recording;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How recorded values become column text and back. Most values come from clients (SQL, parameters,
 * application names), so nothing here may make an insert fail: PostgreSQL text and jsonb reject the
 * NUL character, and a batch that fails is retried forever by the data path.
 */
final class RecordedText {

    /** Separates command tags in one column; a tag never contains a line break. */
    private static final String TAG_SEPARATOR = "\n";
    /** Looked up once: {@code Json.createObjectBuilder()} searches for a provider on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private RecordedText() {
    }

    /** Replaces NUL, which PostgreSQL text and jsonb cannot store, with U+FFFD. */
    static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** Cleans and cuts to a varchar column's length, never splitting a surrogate pair. */
    static String bounded(String value, int max) {
        String cleaned = clean(value);
        if (cleaned == null || cleaned.length() <= max) {
            return cleaned;
        }
        int end = Character.isHighSurrogate(cleaned.charAt(max - 1)) ? max - 1 : max;
        return cleaned.substring(0, end);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The parameters as a JSON array. Binary values are never written, only their length: their
     * meaning depends on the type, and they may be large.
     */
    static String parametersJson(List<BoundParameter> parameters) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (BoundParameter p : parameters) {
            JsonObjectBuilder item = JSON.createObjectBuilder()
                    .add("index", p.index())
                    .add("typeOid", p.typeOid())
                    .add("binary", p.binary())
                    .add("length", p.length());
            if (p.isNull() || p.binary() || p.value() == null) {
                item.addNull("value");
            } else {
                item.add("value", clean(p.value()));
            }
            array.add(item);
        }
        return array.build().toString();
    }

    static List<BoundParameter> parametersFromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(o -> new BoundParameter(o.getInt("index"), o.getInt("typeOid"), o.getBoolean("binary"),
                            o.get("value") == null || o.get("value").getValueType() == JsonValue.ValueType.NULL ? null : o.getString("value"),
                            o.getInt("length")))
                    .toList();
        }
    }

    /** The statement's masking evidence as a JSON array, or null when no rule fired. Counts and names only, never values. */
    static String maskingJson(List<MaskingEvidence> evidence) {
        if (evidence.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (MaskingEvidence e : evidence) {
            array.add(JSON.createObjectBuilder().add("ruleId", clean(e.ruleId())).add("rule", clean(e.ruleName()))
                    .add("column", clean(e.column())).add("values", e.values()));
        }
        return array.build().toString();
    }

    static List<MaskingEvidence> maskingFromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(o -> new MaskingEvidence(o.getString("ruleId"), o.getString("rule"), o.getString("column"),
                            o.getJsonNumber("values").longValue()))
                    .toList();
        }
    }

    static String joinTags(List<String> tags) {
        return tags.isEmpty() ? null : String.join(TAG_SEPARATOR, tags.stream().map(RecordedText::clean).toList());
    }

    static List<String> splitTags(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(TAG_SEPARATOR));
    }
}
