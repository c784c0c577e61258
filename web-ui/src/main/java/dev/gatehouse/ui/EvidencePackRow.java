package dev.gatehouse.ui;

import dev.gatehouse.evidence.EvidencePack;
import dev.gatehouse.evidence.FfiecControl;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One evidence pack as the Evidence page prints it: times in UTC, the scope in one line, the size readable. */
public record EvidencePackRow(String id, String requestedBy, String requestedAt, String period, String connections, String controls,
        String status, int progress, String stage, Long statements, String size, String sha256, String error) implements Serializable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    static EvidencePackRow of(EvidencePack pack) {
        var scope = pack.scope();
        String connections = scope.allConnections() ? "all connections"
                : String.join(", ", java.util.stream.Stream.concat(scope.connections().stream(), scope.labels().stream()).toList());
        String controls = scope.controls().size() == FfiecControl.values().length ? "all controls" : String.join(" ", pack.controlIds());
        return new EvidencePackRow(pack.id().toString(), pack.requestedBy(), TIME.format(pack.requestedAt()),
                TIME.format(scope.from()) + " to " + TIME.format(scope.to()), connections, controls, pack.status().wireName(), pack.progress(),
                pack.stage(), pack.statements(), size(pack.sizeBytes()), pack.sha256(), pack.error());
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public String severity() {
        return switch (status) {
            case "completed" -> "success";
            case "failed" -> "danger";
            default -> "info";
        };
    }

    static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
