package dev.gatehouse.evidence.pdf;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * One chart block in the page flow: a title, an optional note line, the plot area with its value
 * axis, and a legend, all drawn with PDFBox vector operations. The chart drawers only place bars
 * and labels inside {@link #plotLeft()}..{@link #plotRight()}.
 */
final class ChartCanvas {

    static final float BLOCK_HEIGHT = 215;
    static final String NO_ACTIVITY = "no activity in the period";
    private static final float LABEL_SIZE = 7;
    private static final float AXIS_LABEL_WIDTH = 44;

    record Colour(float red, float green, float blue) {
        static final Colour STATEMENTS = new Colour(0.27f, 0.45f, 0.70f);
        static final Colour BLOCKED = new Colour(0.80f, 0.22f, 0.20f);
        static final Colour ALLOWED = new Colour(0.30f, 0.62f, 0.35f);
        static final Colour HELD = new Colour(0.93f, 0.63f, 0.13f);
        static final Colour NEUTRAL = new Colour(0.55f, 0.55f, 0.55f);
        static final Colour MASKED = new Colour(0.45f, 0.35f, 0.65f);
    }

    record LegendEntry(String name, Colour colour) {
    }

    private final PageCursor cursor;
    private final PDPageContentStream content;
    private final float top;
    private final float plotBottom;
    private final float plotTop;
    private ChartAxis axis = ChartAxis.covering(1);

    private ChartCanvas(PageCursor cursor, PDPageContentStream content, float top, boolean withNote) {
        this.cursor = cursor;
        this.content = content;
        this.top = top;
        this.plotTop = top - (withNote ? 38 : 26);
        this.plotBottom = top - BLOCK_HEIGHT + 42;
    }

    /** Reserves the block (on a new page if needed) and draws the title, the note and the legend. */
    static ChartCanvas open(PageCursor cursor, String title, String note, List<LegendEntry> legend) throws IOException {
        PDPageContentStream content = cursor.reserve(BLOCK_HEIGHT);
        ChartCanvas canvas = new ChartCanvas(cursor, content, cursor.y(), note != null);
        // The whole chart is one Figure whose alternate text says what it shows; its title and note are that text.
        cursor.tags().begin(content, cursor.page(), "Figure", note == null ? "Chart: " + title : "Chart: " + title + ". " + note);
        PdfText.show(content, cursor.bold(), 10, cursor.left(), canvas.top - 12, title);
        if (note != null) {
            PdfText.show(content, cursor.regular(), 8, cursor.left(), canvas.top - 24, note);
        }
        canvas.legend(legend);
        return canvas;
    }

    float plotLeft() {
        return cursor.left() + AXIS_LABEL_WIDTH + 4;
    }

    float plotRight() {
        return cursor.left() + cursor.width() - 8;
    }

    float plotWidth() {
        return plotRight() - plotLeft();
    }

    /** Draws the value axis from 0 to a round number above max, with grid lines at the ticks. */
    void valueAxis(long max) throws IOException {
        axis = ChartAxis.covering(max);
        float height = plotTop - plotBottom;
        content.setLineWidth(0.3f);
        content.setStrokingColor(0.85f, 0.85f, 0.85f);
        for (double tick : axis.ticks()) {
            float y = plotBottom + (float) (tick / axis.top() * height);
            content.moveTo(plotLeft(), y);
            content.lineTo(plotRight(), y);
            content.stroke();
            PdfText.showRightAligned(content, font(), LABEL_SIZE, plotLeft() - 4, y - 2.5f, ChartAxis.compact(tick));
        }
        content.setStrokingColor(0f, 0f, 0f);
        content.setLineWidth(0.8f);
        content.moveTo(plotLeft(), plotTop);
        content.lineTo(plotLeft(), plotBottom);
        content.lineTo(plotRight(), plotBottom);
        content.stroke();
    }

    /** An empty plot frame with the message in the middle, for a period with nothing to draw. */
    void empty(String message) throws IOException {
        content.setLineWidth(0.5f);
        content.setStrokingColor(0.7f, 0.7f, 0.7f);
        content.addRect(plotLeft(), plotBottom, plotWidth(), plotTop - plotBottom);
        content.stroke();
        content.setStrokingColor(0f, 0f, 0f);
        PdfText.showCentred(content, cursor.regular(), 10, (plotLeft() + plotRight()) / 2, (plotTop + plotBottom) / 2,
                message);
    }

    /** A bar from the axis up to the value; a non-zero value stays visible however small. */
    void bar(float x, float width, long value, Colour colour) throws IOException {
        float height = axis.scale(value, plotTop - plotBottom);
        if (value > 0) {
            height = Math.max(height, 0.6f);
        }
        content.saveGraphicsState();
        content.setNonStrokingColor(colour.red(), colour.green(), colour.blue());
        content.addRect(x, plotBottom, width, height);
        content.fill();
        content.restoreGraphicsState();
    }

    /** The exact value just above a bar. */
    void valueAbove(float centre, long value) throws IOException {
        float y = plotBottom + axis.scale(value, plotTop - plotBottom) + 3;
        PdfText.showCentred(content, font(), LABEL_SIZE + 1, centre, y, Long.toString(value));
    }

    /** A label under the axis, kept inside the plot's width. */
    void labelBelow(float centre, String text) throws IOException {
        float width = PdfText.width(font(), LABEL_SIZE, PdfText.sanitise(text));
        float x = Math.max(plotLeft() - 10, Math.min(centre - width / 2, plotRight() - width));
        PdfText.show(content, font(), LABEL_SIZE, x, plotBottom - 10, text);
        content.setLineWidth(0.5f);
        content.moveTo(centre, plotBottom);
        content.lineTo(centre, plotBottom - 2.5f);
        content.stroke();
    }

    /** Moves the page cursor below the block. */
    void close() throws IOException {
        cursor.tags().end(content);
        cursor.advance(BLOCK_HEIGHT);
    }

    private void legend(List<LegendEntry> entries) throws IOException {
        float x = plotLeft();
        float y = top - BLOCK_HEIGHT + 16;
        for (LegendEntry entry : entries) {
            content.saveGraphicsState();
            content.setNonStrokingColor(entry.colour().red(), entry.colour().green(), entry.colour().blue());
            content.addRect(x, y, 8, 8);
            content.fill();
            content.restoreGraphicsState();
            PdfText.show(content, font(), 8, x + 11, y + 1, entry.name());
            x += 11 + PdfText.width(font(), 8, PdfText.sanitise(entry.name())) + 18;
        }
    }

    private PDFont font() {
        return cursor.regular();
    }
}
