package dev.gatehouse.evidence.pdf;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Stamps "Gatehouse evidence pack <id> — page N of M" on every page, once the page count is known. */
final class PageFooters {

    private static final float SIZE = 8;
    private static final float BASELINE = 30;

    private PageFooters() {
    }

    static String text(String packId, int page, int pages) {
        return "Gatehouse evidence pack " + packId + " \u2014 page " + page + " of " + pages;
    }

    static void stamp(PDDocument document, String packId, PDFont font) throws IOException {
        int pages = document.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream footer = new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
                ReportTags.beginArtifact(footer);
                PdfText.showCentred(footer, font, SIZE, page.getMediaBox().getWidth() / 2, BASELINE,
                        text(packId, i + 1, pages));
                footer.endMarkedContent();
            }
        }
    }
}
