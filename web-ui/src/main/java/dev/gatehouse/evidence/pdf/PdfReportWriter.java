package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.KeepOpenOutputStream;
import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.EvidenceReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Draws an evidence pack's PDF report with PDFBox: the cover, the executive summary with its charts,
 * and one section per control C1..C15 in catalog order, each page footed with the pack id and
 * "page N of M", as PDF/A-2b with an embedded font and tagged structure ({@link PdfAMetadata}, {@link ReportTags}). The report model is small (figures, chart series, capped exception lines), so the
 * document is built in memory and written once.
 */
public final class PdfReportWriter {

    private PdfReportWriter() {
    }

    /** Writes the PDF to out, which the caller owns and closes. */
    public static void write(EvidenceReport report, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            describe(document, report);
            try (PageCursor cursor = new PageCursor(document)) {
                CoverPage.write(cursor, report);
                SummaryPages.write(cursor, report);
                ConfigurationPages.write(cursor, report);
                Map<FfiecControl, ControlSection> sections = new EnumMap<>(FfiecControl.class);
                report.sections().forEach(section -> sections.putIfAbsent(section.control(), section));
                for (FfiecControl control : FfiecControl.values()) {
                    ControlSectionPages.write(cursor, sections.getOrDefault(control, ControlSectionPages.missing(control)),
                            report.annexes().crosswalk());
                }
                cursor.close();
                PageFooters.stamp(document, report.packId(), cursor.regular());
                cursor.tags().finish();
            }
            document.save(new KeepOpenOutputStream(out));
        }
    }

    private static void describe(PDDocument document, EvidenceReport report) throws IOException {
        // Document information holds any Unicode text, so names keep their own spelling here.
        PdfAMetadata.apply(document, CoverPage.TITLE + " " + report.packId(), report.generatedBy(), report.generator(),
                report.generatedAt());
    }
}
