package dev.gatehouse.evidence.pdf;

import dev.gatehouse.evidence.pdf.ChartCanvas.LegendEntry;
import java.io.IOException;
import java.util.List;

/**
 * Counts over time as grouped bars, one group per bucket (day, week, month or year, whichever keeps
 * the bars legible) and one bar per series. A handful of bucket dates label the time axis.
 */
final class TimeSeriesChart {

    /** Date labels are about 40 points wide at the label size; leave room between them. */
    private static final float LABEL_SPACING = 75;

    private TimeSeriesChart() {
    }

    static void draw(PageCursor cursor, String title, String note, TimeBuckets buckets, List<LegendEntry> series)
            throws IOException {
        ChartCanvas canvas = ChartCanvas.open(cursor, title + " (" + buckets.unit().words + ")", note, series);
        if (buckets.max() == 0) {
            canvas.empty(ChartCanvas.NO_ACTIVITY);
            canvas.close();
            return;
        }
        canvas.valueAxis(buckets.max());
        int count = buckets.size();
        float slot = canvas.plotWidth() / count;
        float barWidth = slot * 0.8f / series.size();
        for (int bucket = 0; bucket < count; bucket++) {
            float groupLeft = canvas.plotLeft() + bucket * slot + slot * 0.1f;
            for (int s = 0; s < series.size(); s++) {
                canvas.bar(groupLeft + s * barWidth, barWidth, buckets.values().get(s)[bucket], series.get(s).colour());
            }
        }
        for (int bucket : labelledBuckets(count, canvas.plotWidth())) {
            canvas.labelBelow(canvas.plotLeft() + (bucket + 0.5f) * slot, buckets.labels().get(bucket));
        }
        canvas.close();
    }

    /** The first and last bucket, and evenly spaced ones between as room allows. */
    static int[] labelledBuckets(int count, float plotWidth) {
        int labels = Math.max(1, Math.min(count, (int) (plotWidth / LABEL_SPACING)));
        if (labels == 1) {
            return new int[] {0};
        }
        int[] chosen = new int[labels];
        for (int i = 0; i < labels; i++) {
            chosen[i] = Math.round((float) i * (count - 1) / (labels - 1));
        }
        return chosen;
    }
}
