package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackScope;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Writes one appendix as {@code appendix/<name>.csv} and then {@code appendix/<name>.json}, each
 * streamed from its row source. The JSON document is
 * {@code {"appendix", "period": {"from", "to"}, "connections": [...], "columns": [...], "rows": [{...}], "row_count"}}.
 */
final class AppendixWriter {

    private final PackScope scope;
    private final List<String> connections;
    private final PackEntries out;

    AppendixWriter(PackScope scope, Set<String> connections, PackEntries out) {
        this.scope = scope;
        this.connections = connections.stream().sorted().toList();
        this.out = out;
    }

    /** @return the number of rows (both files hold the same rows: the caller reads one snapshot) */
    long write(String name, List<String> columns, RowSource rows) throws IOException, SQLException {
        long csvRows = writeCsv(name, columns, rows);
        long jsonRows = writeJson(name, columns, rows);
        if (csvRows != jsonRows) {
            throw new IllegalStateException("appendix " + name + " changed between its CSV and JSON pass; read it in one snapshot");
        }
        return csvRows;
    }

    private long writeCsv(String name, List<String> columns, RowSource rows) throws IOException, SQLException {
        long[] count = {0};
        try (OutputStream file = out.open("appendix/" + name + ".csv");
                Writer csv = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            CsvFormat.writeRow(csv, columns);
            rows.forEachRow(cells -> {
                checkWidth(name, columns, cells);
                CsvFormat.writeRow(csv, cells);
                count[0]++;
            });
        }
        return count[0];
    }

    private long writeJson(String name, List<String> columns, RowSource rows) throws IOException, SQLException {
        long[] count = {0};
        try (OutputStream file = out.open("appendix/" + name + ".json");
                Writer text = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16);
                JsonGenerator json = Json.createGenerator(text)) {
            json.writeStartObject().write("appendix", name);
            json.writeStartObject("period").write("from", scope.from().toString()).write("to", scope.to().toString()).writeEnd();
            json.writeStartArray("connections");
            connections.forEach(json::write);
            json.writeEnd();
            json.writeStartArray("columns");
            columns.forEach(json::write);
            json.writeEnd();
            json.writeStartArray("rows");
            rows.forEachRow(cells -> {
                json.writeStartObject();
                for (int i = 0; i < cells.length; i++) {
                    writeValue(json, columns.get(i), cells[i]);
                }
                json.writeEnd();
                count[0]++;
            });
            json.writeEnd();
            json.write("row_count", count[0]);
            json.writeEnd();
        }
        return count[0];
    }

    private static void writeValue(JsonGenerator json, String key, Object value) {
        switch (value) {
            case null -> json.writeNull(key);
            case Long n -> json.write(key, n);
            case BigDecimal d -> json.write(key, d);
            case Boolean b -> json.write(key, b);
            case Instant at -> json.write(key, at.toString());
            case List<?> items -> {
                json.writeStartArray(key);
                items.forEach(item -> json.write(String.valueOf(item)));
                json.writeEnd();
            }
            default -> json.write(key, value.toString());
        }
    }

    private static void checkWidth(String name, List<String> columns, Object[] cells) {
        if (cells.length != columns.size()) {
            throw new IllegalStateException("appendix " + name + " has " + columns.size() + " columns but a row of " + cells.length);
        }
    }
}
