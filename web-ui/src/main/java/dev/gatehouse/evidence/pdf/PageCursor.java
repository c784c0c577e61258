package dev.gatehouse.evidence.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

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
    /**
     * Liberation Sans, as PDFBox ships it (pinned by PDFBox's version), embedded as a subset: PDF/A
     * allows no font that is not embedded. It has one weight, so headings stand out by size.
     */
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final PDFont regular;
    private final PDFont bold;
    private final PDFont monospace;
    private final ReportTags tags;
    private PDPageContentStream content;
    private PDPage page;
    private float y;

    PageCursor(PDDocument document) throws IOException {
        this.document = document;
        try (InputStream font = PageCursor.class.getResourceAsStream(FONT)) {
            if (font == null) {
                throw new IOException("the report font " + FONT + " is not on the class path");
            }
            regular = PDType0Font.load(document, font);
        }
        bold = regular;
        monospace = regular;
        tags = new ReportTags(document);
    }

    ReportTags tags() {
        return tags;
    }

    PDPage page() {
        return page;
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
        page = new PDPage(PAGE_SIZE);
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
        lines(text, bold, 22, 0, "H1");
        gap(6);
    }

    void heading(String text) throws IOException {
        lines(text, bold, 16, 0, "H1");
        gap(4);
    }

    void subheading(String text) throws IOException {
        gap(6);
        lines(text, bold, 11, 0, "H2");
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
        lines(text, font, size, indent, "P");
    }

    /** Each line is tagged as its own element of the type (a paragraph that flows onto another page stays readable). */
    private void lines(String text, PDFont font, float size, float indent, String type) throws IOException {
        for (String line : LineWrapper.wrap(text, font, size, width() - indent)) {
            float height = size * LEADING;
            PDPageContentStream stream = reserve(height);
            advance(height);
            tags.begin(stream, page, type, null);
            PdfText.show(stream, font, size, left() + indent, y + size * 0.3f, line);
            tags.end(stream);
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
            var row = tags.begin(stream, page, "P", null);
            PdfText.show(stream, regular, BODY_SIZE, left() + 12, baseline, labelLines.get(i));
            tags.end(stream);
            if (i == labelLines.size() - 1) {
                tags.more(stream, page, row);
                PdfText.showRightAligned(stream, bold, BODY_SIZE, left() + width(), baseline, value);
                tags.end(stream);
            }
        }
    }

    /** A thin full-width line between blocks. */
    void rule() throws IOException {
        PDPageContentStream stream = reserve(10);
        advance(5);
        ReportTags.beginArtifact(stream);
        stream.setLineWidth(0.5f);
        stream.setStrokingColor(0.6f, 0.6f, 0.6f);
        stream.moveTo(left(), y);
        stream.lineTo(left() + width(), y);
        stream.stroke();
        stream.setStrokingColor(0f, 0f, 0f);
        stream.endMarkedContent();
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
