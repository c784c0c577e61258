package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.evidence.report.Figure;
import dev.gatehouse.evidence.report.SectionStatus;
import java.io.IOException;
import java.util.List;

/**
 * One control's section, starting on a new page: the control and its source, the status in words,
 * what was found, the figures table, the exceptions (the first {@value #PRINTED_EXCEPTIONS}; the
 * rest are in the appendices) and the appendix files.
 */
final class ControlSectionPages {

    static final int PRINTED_EXCEPTIONS = 50;
    static final String EVIDENCE = "Evidence";
    static final String FIGURES = "Figures";
    static final String EXCEPTIONS = "Exceptions";
    static final String APPENDICES = "Appendices";
    static final String REFERENCES = "References (crosswalk.csv)";
    static final String NO_EXCEPTIONS = "No exceptions found.";
    static final String NOT_IN_SCOPE = "Not in scope of this pack.";

    private ControlSectionPages() {
    }

    static void write(PageCursor cursor, ControlSection section) throws IOException {
        write(cursor, section, null);
    }

    static void write(PageCursor cursor, ControlSection section, dev.gatehouse.evidence.Crosswalk crosswalk) throws IOException {
        FfiecControl control = section.control();
        cursor.newPage();
        cursor.heading(control.heading());
        cursor.paragraph("Control: " + control.statement());
        cursor.paragraph("Source: " + control.source());
        cursor.paragraph("Evidence sought: " + control.evidenceSought());
        cursor.paragraph("Status: " + inWords(section.status()));
        if (crosswalk != null) {
            cursor.subheading(REFERENCES);
            for (var entry : crosswalk.of(control).entrySet()) {
                cursor.indented(entry.getKey().label() + ": " + String.join("; ", entry.getValue()));
            }
        }
        cursor.rule();
        switch (section.status()) {
            case NOT_IN_SCOPE -> cursor.paragraph(NOT_IN_SCOPE);
            case NO_EVIDENCE -> {
                cursor.paragraph("No evidence available: " + reason(section));
                findings(cursor, section);
                appendices(cursor, section);
            }
            case NOT_EXERCISED -> {
                cursor.paragraph("Not exercised in the period: " + reason(section));
                findings(cursor, section);
                appendices(cursor, section);
            }
            case EFFECTIVE, EXCEPTIONS -> {
                findings(cursor, section);
                exceptions(cursor, section);
                appendices(cursor, section);
            }
        }
    }

    /** For a control the report has no section for: the PDF still shows all fifteen, and says why one is empty. */
    static ControlSection missing(FfiecControl control) {
        return new ControlSection(control, SectionStatus.NO_EVIDENCE, List.of(), List.of(), List.of(),
                "the pack builder produced no section for this control", List.of());
    }

    static String inWords(SectionStatus status) {
        return switch (status) {
            case EFFECTIVE -> "Effective (exercised, evidence found, no exceptions)";
            case NOT_EXERCISED -> "Not exercised in the period";
            case EXCEPTIONS -> "Exceptions found";
            case NO_EVIDENCE -> "No evidence";
            case NOT_IN_SCOPE -> "Not in scope";
        };
    }

    private static String reason(ControlSection section) {
        String reason = section.noEvidenceReason();
        return reason == null || reason.isBlank() ? "no reason was recorded" : reason;
    }

    private static void findings(PageCursor cursor, ControlSection section) throws IOException {
        if (!section.evidence().isEmpty()) {
            cursor.subheading(EVIDENCE);
            for (String sentence : section.evidence()) {
                cursor.paragraph(sentence);
            }
        }
        if (!section.figures().isEmpty()) {
            cursor.subheading(FIGURES);
            for (Figure figure : section.figures()) {
                cursor.labelValue(figure.label(), Long.toString(figure.value()));
            }
        }
    }

    private static void exceptions(PageCursor cursor, ControlSection section) throws IOException {
        cursor.subheading(EXCEPTIONS);
        List<String> exceptions = section.exceptions();
        if (exceptions.isEmpty()) {
            cursor.paragraph(NO_EXCEPTIONS);
            return;
        }
        for (String exception : exceptions.subList(0, Math.min(PRINTED_EXCEPTIONS, exceptions.size()))) {
            cursor.indented("- " + exception);
        }
        if (exceptions.size() > PRINTED_EXCEPTIONS) {
            String where = section.appendices().isEmpty() ? "the pack's appendices" : String.join(", ", section.appendices());
            cursor.paragraph("... and " + (exceptions.size() - PRINTED_EXCEPTIONS) + " more, see " + where);
        }
    }

    private static void appendices(PageCursor cursor, ControlSection section) throws IOException {
        if (section.appendices().isEmpty()) {
            return;
        }
        cursor.subheading(APPENDICES);
        for (String file : section.appendices()) {
            cursor.indented(file);
        }
    }
}
