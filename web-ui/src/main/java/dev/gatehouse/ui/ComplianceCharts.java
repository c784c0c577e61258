package dev.gatehouse.ui;

import dev.gatehouse.evidence.dashboard.DailySeries;
import dev.gatehouse.evidence.dashboard.StaleAccess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Chart.js configurations for the compliance dashboard. PrimeFaces 15 removed its Java chart models
 * (PrimeFaces issue 10909): {@code <p:chart value="...">} takes the whole Chart.js configuration as
 * JSON, so it is built here with JSON-P, which the platform provides, rather than with a new library.
 */
final class ComplianceCharts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private ComplianceCharts() {
    }

    /** One bar per UTC day. */
    static String perDay(String label, DailySeries series, String color) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        series.days().forEach(day -> labels.add(DAY.format(day)));
        return bar(labels, dataset(label, series.counts(), color), label + " per UTC day");
    }

    /** One bar per kind of stale access. */
    static String staleAccess(StaleAccess stale) {
        JsonArrayBuilder labels = Json.createArrayBuilder().add("Stale JIT grants").add("Stale unmask exemptions").add("Dormant identities");
        return bar(labels, dataset("Live now", List.of(stale.jitGrants(), stale.unmaskExemptions(), stale.dormantIdentities()), "#b45309"),
                "Stale access live now");
    }

    private static JsonObjectBuilder dataset(String label, List<Long> counts, String color) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        counts.forEach(data::add);
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", color).add("borderColor", color);
    }

    private static String bar(JsonArrayBuilder labels, JsonObjectBuilder dataset, String title) {
        JsonObject config = Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder().add(dataset)))
                .add("options", Json.createObjectBuilder()
                        .add("responsive", true)
                        .add("maintainAspectRatio", false)
                        // Drawn at once: a dashboard read by tests and screenshots should not be caught mid-animation.
                        .add("animation", false)
                        .add("plugins", Json.createObjectBuilder()
                                .add("legend", Json.createObjectBuilder().add("display", false))
                                .add("title", Json.createObjectBuilder().add("display", true).add("text", title)))
                        .add("scales", Json.createObjectBuilder()
                                .add("y", Json.createObjectBuilder().add("beginAtZero", true)
                                        .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
                .build();
        return config.toString();
    }
}
