package dev.gatehouse.evidence.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Where the next line goes. Writes top to bottom on US Letter pages, wraps long text, and starts a
 * new page when the next block would run into the footer. Only the current page's content stream
 * is open, so memory stays flat however long the report runs.
 */
final class PageCursor implements Closeable {

    static final PDRectangle PAGE_SIZE = PDRectangle.LETTER;
    static final float MARGIN = 54;
    /** Body text stops here; the footer sits below. */
    static final float BOTTOM = 60;
    static final float BODY_SIZE = 10;
    private static final float LEADING = 1.35f;
    /** The label column of a figures table; the value is right-aligned in the rest. */
    private static final float LABEL_COLUMN_SHARE = 0.78f;

    private final PDDocument document;
    private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont monospace = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream content;
    private float y;

    PageCursor(PDDocument document) {
        this.document = document;
    }

    PDFont regular() {
        return regular;
    }

    PDFont bold() {
        return bold;
    }

    PDFont monospace() {
        return monospace;
    }

    float left() {
        return MARGIN;
    }

    float width() {
        return PAGE_SIZE.getWidth() - 2 * MARGIN;
    }

    /** The baseline or top of the next block. */
    float y() {
        return y;
    }

    void newPage() throws IOException {
        closePage();
        PDPage page = new PDPage(PAGE_SIZE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PAGE_SIZE.getHeight() - MARGIN;
    }

    /** Makes room for a block of the given height, on a new page if this one has too little left. */
    PDPageContentStream reserve(float height) throws IOException {
        if (content == null || y - height < BOTTOM) {
            newPage();
        }
        return content;
    }

    void advance(float height) {
        y -= height;
    }

    void gap(float points) {
        y -= points;
    }

    void title(String text) throws IOException {
        lines(text, bold, 22, 0);
        gap(6);
    }

    void heading(String text) throws IOException {
        lines(text, bold, 16, 0);
        gap(4);
    }

    void subheading(String text) throws IOException {
        gap(6);
        lines(text, bold, 11, 0);
        gap(2);
    }

    void paragraph(String text) throws IOException {
        lines(text, regular, BODY_SIZE, 0);
    }

    void indented(String text) throws IOException {
        lines(text, regular, BODY_SIZE, 12);
    }

    /** Wrapped text; every line checks for room on its own, so a long paragraph flows onto the next page. */
    void lines(String text, PDFont font, float size, float indent) throws IOException {
        for (String line : LineWrapper.wrap(text, font, size, width() - indent)) {
            float height = size * LEADING;
            PDPageContentStream stream = reserve(height);
            advance(height);
            PdfText.show(stream, font, size, left() + indent, y + size * 0.3f, line);
        }
    }

    /**
     * A row of a figures table: the label wraps in the left column and the value sits on the label's
     * last line, so a reader (and a text extractor) sees "Blocked change attempts 12" on one line.
     */
    void labelValue(String label, String value) throws IOException {
        float labelWidth = width() * LABEL_COLUMN_SHARE;
        List<String> labelLines = LineWrapper.wrap(label, regular, BODY_SIZE, labelWidth);
        float height = BODY_SIZE * LEADING;
        for (int i = 0; i < labelLines.size(); i++) {
            PDPageContentStream stream = reserve(height);
            advance(height);
            float baseline = y + BODY_SIZE * 0.3f;
            PdfText.show(stream, regular, BODY_SIZE, left() + 12, baseline, labelLines.get(i));
            if (i == labelLines.size() - 1) {
                PdfText.showRightAligned(stream, bold, BODY_SIZE, left() + width(), baseline, value);
            }
        }
    }

    /** A thin full-width line between blocks. */
    void rule() throws IOException {
        PDPageContentStream stream = reserve(10);
        advance(5);
        stream.setLineWidth(0.5f);
        stream.setStrokingColor(0.6f, 0.6f, 0.6f);
        stream.moveTo(left(), y);
        stream.lineTo(left() + width(), y);
        stream.stroke();
        stream.setStrokingColor(0f, 0f, 0f);
        advance(5);
    }

    private void closePage() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    @Override
    public void close() throws IOException {
        closePage();
    }
}
