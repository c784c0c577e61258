package dev.gatehouse.ui;

import dev.gatehouse.proxy.api.BoundParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How recorded times, durations and parameters read on the sessions pages. Times are UTC, like the
 * audit trail, so that one instant reads the same for every auditor.
 */
final class RecordingFormat {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** The PostgreSQL types clients declare most; others show their OID. */
    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(16, "bool"), Map.entry(17, "bytea"),
            Map.entry(20, "int8"), Map.entry(21, "int2"), Map.entry(23, "int4"), Map.entry(25, "text"), Map.entry(114, "json"),
            Map.entry(700, "float4"), Map.entry(701, "float8"), Map.entry(1043, "varchar"), Map.entry(1082, "date"),
            Map.entry(1114, "timestamp"), Map.entry(1184, "timestamptz"), Map.entry(1700, "numeric"), Map.entry(2950, "uuid"),
            Map.entry(3802, "jsonb"));

    private RecordingFormat() {
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at) + " UTC";
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String micros(long micros) {
        return micros < 1000 ? micros + " µs" : String.format("%.1f ms", micros / 1000.0);
    }

    /** A period as people say it: "1 d", "6 h", "15 min", "30 s". */
    static String every(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + " d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        return s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    static String span(Instant from, Instant to) {
        if (from == null) {
            return "";
        }
        Duration d = Duration.between(from, to == null ? Instant.now() : to);
        return d.toHours() > 0 ? String.format("%dh %02dm", d.toHours(), d.toMinutesPart())
                : d.toMinutes() > 0 ? String.format("%dm %02ds", d.toMinutes(), d.toSecondsPart()) : d.toSeconds() + " s";
    }

    static String bytes(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0)
                : String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** {@code $1 = '42' (int4)}; binary values by length only, as recorded. */
    static String parameters(List<BoundParameter> parameters) {
        return parameters.stream().map(RecordingFormat::parameter).collect(Collectors.joining("\n"));
    }

    private static String parameter(BoundParameter p) {
        String type = p.typeOid() == 0 ? "" : " (" + TYPE_NAMES.getOrDefault(p.typeOid(), "oid " + p.typeOid()) + ")";
        String value = p.isNull() ? "NULL" : p.binary() ? "<binary, " + p.length() + " bytes>" : "'" + p.value() + "'";
        return "$" + p.index() + " = " + value + type;
    }
}
