package dev.gatehouse.evidence;

import dev.gatehouse.evidence.report.ConfigurationHistory;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.TimeSync;
import dev.gatehouse.evidence.report.DataAvailability;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.evidence.report.Figure;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.util.List;

/**
 * report.json: every figure of the PDF with its stable key, and each control's status, so an
 * examiner's tooling (or a test) reads the numbers without parsing the PDF.
 */
final class ReportFiguresJson {

    static final String PATH = "report.json";

    private ReportFiguresJson() {
    }

    static void write(EvidenceReport report, OutputStream out) {
        try (JsonGenerator json = Json.createGenerator(new KeepOpenOutputStream(out))) {
            json.writeStartObject()
                    .write("pack_id", report.packId())
                    .write("period_from", report.scope().from().toString())
                    .write("period_to", report.scope().to().toString())
                    .write("generated_by", report.generatedBy())
                    .write("generated_at", report.generatedAt().toString())
                    .write("generator", report.generator());
            json.writeStartArray("connections");
            report.connections().forEach(json::write);
            json.writeEnd();
            figures(json, "headline", report.summary().headline());
            json.writeStartArray("controls");
            for (ControlSection section : report.sections()) {
                json.writeStartObject()
                        .write("control", section.control().name())
                        .write("title", section.control().title())
                        .write("status", section.status().name())
                        .write("exceptions", section.exceptions().size());
                Crosswalk crosswalk = report.annexes().crosswalk();
                if (crosswalk != null) {
                    json.writeStartObject("references");
                    crosswalk.of(section.control()).forEach((framework, refs) -> {
                        json.writeStartArray(framework.id());
                        refs.forEach(json::write);
                        json.writeEnd();
                    });
                    json.writeEnd();
                }
                if (section.noEvidenceReason() != null) {
                    json.write("reason", section.noEvidenceReason());
                }
                figures(json, "figures", section.figures());
                json.writeEnd();
            }
            json.writeEnd();
            availability(json, report.availability());
            ConfigurationHistory configuration = report.annexes().configuration();
            if (configuration != null) {
                json.writeStartObject("configuration").write("settings_at_start", configuration.atStart().size())
                        .write("settings_at_end", configuration.atEnd().size()).write("changes", configuration.changes().size());
                json.writeStartObject("changes_by_actor");
                configuration.byActor().forEach((actor, n) -> json.write(actor, n));
                json.writeEnd().writeEnd();
            }
            TimeSync timeSync = report.annexes().timeSync();
            if (timeSync != null) {
                json.writeStartObject("time_sync").write("gateway_clock", timeSync.gatewayClock().toString())
                        .write("store_offset_ms", timeSync.offsetMillis()).write("round_trip_ms", timeSync.roundTripMillis())
                        .write("source", timeSync.source()).writeEnd();
            }
            json.writeEnd();
        }
    }

    private static void availability(JsonGenerator json, DataAvailability data) {
        if (data == null) {
            return;
        }
        json.writeStartObject("data_availability");
        if (data.firstRecord() != null) {
            json.write("first_record", data.firstRecord().toString()).write("last_record", data.lastRecord().toString());
        }
        json.write("first_seq_held", data.firstSeqHeld()).write("last_seq_held", data.lastSeqHeld())
                .write("period_first_seq", data.periodFirstSeq()).write("period_last_seq", data.periodLastSeq())
                .write("period_events", data.periodEvents()).write("continuous", data.continuous());
        json.writeStartArray("reconciliations");
        for (DataAvailability.Reconciliation r : data.reconciliations()) {
            json.writeStartObject().write("figure", r.figure()).write("value", r.figureValue()).write("listed_in", r.listedIn())
                    .write("rows", r.listedRows()).write("agrees", r.agrees()).writeEnd();
        }
        json.writeEnd();
        json.writeStartArray("warnings");
        data.warnings().forEach(json::write);
        json.writeEnd().writeEnd();
    }

    private static void figures(JsonGenerator json, String name, List<Figure> figures) {
        json.writeStartArray(name);
        for (Figure figure : figures) {
            json.writeStartObject().write("key", figure.key()).write("label", figure.label()).write("value", figure.value()).writeEnd();
        }
        json.writeEnd();
    }
}
