package dev.gatehouse.evidence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading and writing the columns of evidence_pack, and the scope as audit details. */
final class PackRows {

    private static final int STAGE_LENGTH = 200;

    private PackRows() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String stage(String stage) {
        String text = stage == null || stage.isBlank() ? "working" : stage.strip();
        return text.length() <= STAGE_LENGTH ? text : text.substring(0, STAGE_LENGTH - 1) + "…";
    }

    static Map<String, Object> scopeDetails(PackScope scope) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", scope.from().toString());
        details.put("to", scope.to().toString());
        details.put("connections", scope.connections());
        details.put("labels", scope.labels());
        details.put("controls", scope.controls().stream().sorted().map(Enum::name).toList());
        return details;
    }

    static EvidencePack read(ResultSet row) throws SQLException {
        PackScope scope = new PackScope(instant(row, "period_from"), instant(row, "period_to"), texts(row.getArray("connections")),
                texts(row.getArray("labels")), texts(row.getArray("controls")).stream()
                        .flatMap(id -> FfiecControl.byId(id).stream()).collect(java.util.stream.Collectors.toSet()));
        return new EvidencePack(row.getObject("id", UUID.class), row.getString("requested_by"), instant(row, "requested_at"), scope,
                EvidencePack.Status.of(row.getString("status")), row.getInt("progress"), row.getString("stage"), instant(row, "started_at"),
                instant(row, "finished_at"), row.getString("file_name"), (Long) row.getObject("size_bytes"), trimmed(row.getString("sha256")),
                (Long) row.getObject("statements"), row.getString("error"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static String trimmed(String sha256) {
        return sha256 == null ? null : sha256.strip();
    }
}
