package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.FfiecControl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * An evidence-pack PDF read back the way an examiner's tools would: PDFBox extracts the text, and
 * this splits it into the cover, the control sections and their figures tables. Tests in other
 * packages (the end-to-end pack IT) compare these figures with the database.
 */
public final class ReportText {

    private static final Pattern FOOTER = Pattern.compile("^Gatehouse evidence pack .* \u2014 page (\\d+) of (\\d+)$");
    /** A figures row as extracted: the label, whitespace, the value with no thousands separator. */
    private static final Pattern FIGURE_ROW = Pattern.compile("^(.*\\S)\\s+(-?\\d+)$");
    private static final Set<String> HEADINGS = Arrays.stream(FfiecControl.values()).map(FfiecControl::heading)
            .collect(Collectors.toSet());
    private static final Set<String> AFTER_FIGURES = Set.of(ControlSectionPages.EXCEPTIONS, ControlSectionPages.APPENDICES,
            ControlSectionPages.EVIDENCE);

    private final List<String> lines;
    private final List<String> footers;
    private final int pageCount;

    private ReportText(List<String> lines, List<String> footers, int pageCount) {
        this.lines = lines;
        this.footers = footers;
        this.pageCount = pageCount;
    }

    public static ReportText read(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> body = new ArrayList<>();
            List<String> footers = new ArrayList<>();
            for (String line : stripper.getText(document).split("\\R")) {
                String trimmed = line.strip();
                if (FOOTER.matcher(trimmed).matches()) {
                    footers.add(trimmed);
                } else if (!trimmed.isEmpty()) {
                    body.add(trimmed);
                }
            }
            return new ReportText(List.copyOf(body), List.copyOf(footers), document.getNumberOfPages());
        }
    }

    /** The control headings ("C7 Change control") in the order they appear. */
    public List<String> headings() {
        return lines.stream().filter(HEADINGS::contains).toList();
    }

    /** Label to value, as printed in the control's figures table. */
    public Map<String, Long> figures(FfiecControl control) {
        List<String> section = sectionLines(control);
        int start = section.indexOf(ControlSectionPages.FIGURES);
        if (start < 0) {
            return Map.of();
        }
        List<String> table = new ArrayList<>();
        for (String line : section.subList(start + 1, section.size())) {
            if (AFTER_FIGURES.contains(line)) {
                break;
            }
            table.add(line);
        }
        return table(table);
    }

    /** The headline figures of the executive summary, label to value. */
    public Map<String, Long> headlineFigures() {
        int start = lines.indexOf(SummaryPages.HEADLINE);
        int end = lines.indexOf(SummaryPages.CHARTS);
        return start < 0 || end < start ? Map.of() : table(lines.subList(start + 1, end));
    }

    /** Everything between the control's heading and the next one, footers left out, one line per line. */
    public String sectionText(FfiecControl control) {
        return String.join("\n", sectionLines(control));
    }

    /** The section's status line without "Status: " ("Exceptions found"). */
    public String status(FfiecControl control) {
        return sectionLines(control).stream().filter(line -> line.startsWith("Status: ")).findFirst()
                .map(line -> line.substring("Status: ".length()))
                .orElseThrow(() -> new AssertionError("no status line in " + control));
    }

    /** The cover page: everything before the executive summary. */
    public String coverText() {
        int end = lines.indexOf(SummaryPages.HEADING);
        return String.join("\n", end < 0 ? lines : lines.subList(0, end));
    }

    /** The whole text without footers. */
    public String text() {
        return String.join("\n", lines);
    }

    public List<String> footers() {
        return footers;
    }

    public int pageCount() {
        return pageCount;
    }

    private List<String> sectionLines(FfiecControl control) {
        int start = lines.indexOf(control.heading());
        if (start < 0) {
            throw new AssertionError("no section " + control.heading() + " in the PDF");
        }
        int end = start + 1;
        while (end < lines.size() && !HEADINGS.contains(lines.get(end))) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** A label that wrapped is joined back to the line that carries its value. */
    private static Map<String, Long> table(List<String> rows) {
        Map<String, Long> figures = new LinkedHashMap<>();
        StringBuilder pendingLabel = new StringBuilder();
        for (String row : rows) {
            Matcher matcher = FIGURE_ROW.matcher(row);
            if (matcher.matches()) {
                String label = pendingLabel.isEmpty() ? matcher.group(1) : pendingLabel + " " + matcher.group(1);
                figures.put(label, Long.parseLong(matcher.group(2)));
                pendingLabel.setLength(0);
            } else {
                pendingLabel.append(pendingLabel.isEmpty() ? "" : " ").append(row);
            }
        }
        return figures;
    }
}
