package dev.gatehouse.evidence;

import dev.gatehouse.evidence.report.ControlSection;
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
                figures(json, "figures", section.figures());
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
    }

    private static void figures(JsonGenerator json, String name, List<Figure> figures) {
        json.writeStartArray(name);
        for (Figure figure : figures) {
            json.writeStartObject().write("key", figure.key()).write("label", figure.label()).write("value", figure.value()).writeEnd();
        }
        json.writeEnd();
    }
}
