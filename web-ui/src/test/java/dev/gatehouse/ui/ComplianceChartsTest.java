package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.evidence.dashboard.DailySeries;
import dev.gatehouse.evidence.dashboard.StaleAccess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Chart.js configurations p:chart receives: a bar per day or per kind, with the counts as given. */
class ComplianceChartsTest {

    @Test
    void aBarPerUtcDayWithItsCount() {
        DailySeries series = new DailySeries(List.of(LocalDate.parse("2026-05-19"), LocalDate.parse("2026-05-20")), List.of(0L, 3L));
        JsonObject config = parse(ComplianceCharts.perDay("Blocked commands", series, "#1565c0"));

        assertThat(config.getString("type")).isEqualTo("bar");
        assertThat(config.getJsonObject("data").getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("05-19", "05-20");
        JsonObject dataset = config.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getString("label")).isEqualTo("Blocked commands");
        assertThat(dataset.getJsonArray("data").getValuesAs(jakarta.json.JsonNumber::longValue)).containsExactly(0L, 3L);
        assertThat(config.getJsonObject("options").getJsonObject("scales").getJsonObject("y").getBoolean("beginAtZero")).isTrue();
    }

    @Test
    void staleAccessHasABarPerKind() {
        JsonObject config = parse(ComplianceCharts.staleAccess(new StaleAccess(2, 1, 4, List.of(), List.of(), List.of())));
        JsonObject dataset = config.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getJsonArray("data").getValuesAs(jakarta.json.JsonNumber::longValue)).containsExactly(2L, 1L, 4L);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
