package dev.gatehouse.proxy.masking;

import java.util.List;

/**
 * Which columns of one result are masked and how, and how many values each column rule masked so
 * far. Only the touched columns are kept, so a row of a plan that touches nothing costs nothing.
 * One per result, on the session's loop.
 */
public final class ResultPlan {

    private final int columnCount;
    private final ColumnPlan[] touched;
    /** Values masked by each touched column's rule, counted here rather than per value in a map (the hot path). */
    private final long[] ruleHits;

    public ResultPlan(int columnCount, List<ColumnPlan> touched) {
        this.columnCount = columnCount;
        this.touched = touched.toArray(ColumnPlan[]::new);
        this.ruleHits = new long[this.touched.length];
    }

    /** The rule of touched column {@code position} masked one more value. */
    public void ruleHit(int position) {
        ruleHits[position]++;
    }

    /** Moves the column rules' counts into the statement's evidence. */
    public void drainInto(MaskingTally tally) {
        for (int t = 0; t < touched.length; t++) {
            if (ruleHits[t] > 0) {
                tally.add(touched[t].rule(), touched[t].label(), ruleHits[t]);
                ruleHits[t] = 0;
            }
        }
    }

    public int columnCount() {
        return columnCount;
    }

    /** The columns that are masked or scanned, in column order. */
    public ColumnPlan[] touched() {
        return touched;
    }

    public boolean masksNothing() {
        return touched.length == 0;
    }

    /** The plan of column {@code index}, or null when that column is left alone. */
    public ColumnPlan column(int index) {
        for (ColumnPlan plan : touched) {
            if (plan.index() == index) {
                return plan;
            }
        }
        return null;
    }
}
