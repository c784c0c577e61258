package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.pdf.ChartCanvas.Colour;
import dev.gatehouse.evidence.pdf.ChartCanvas.LegendEntry;
import java.io.IOException;
import java.util.List;

/** A few totals side by side (blocked against allowed, approvals by outcome), each bar with its exact number. */
final class CategoryChart {

    record Category(String name, long value, Colour colour) {
    }

    private CategoryChart() {
    }

    static void draw(PageCursor cursor, String title, String note, List<Category> categories) throws IOException {
        List<LegendEntry> legend = categories.stream().map(c -> new LegendEntry(c.name(), c.colour())).toList();
        ChartCanvas canvas = ChartCanvas.open(cursor, title, note, legend);
        long max = categories.stream().mapToLong(Category::value).max().orElse(0);
        if (max <= 0) {
            canvas.empty(ChartCanvas.NO_ACTIVITY);
            canvas.close();
            return;
        }
        canvas.valueAxis(max);
        float slot = canvas.plotWidth() / categories.size();
        float barWidth = Math.min(70, slot * 0.6f);
        for (int i = 0; i < categories.size(); i++) {
            Category category = categories.get(i);
            float centre = canvas.plotLeft() + (i + 0.5f) * slot;
            canvas.bar(centre - barWidth / 2, barWidth, category.value(), category.colour());
            canvas.valueAbove(centre, category.value());
            canvas.labelBelow(centre, category.name());
        }
        canvas.close();
    }
}
