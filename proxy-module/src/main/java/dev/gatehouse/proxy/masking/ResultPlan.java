package dev.gatehouse.proxy.masking;

import java.util.List;

/**
 * Which columns of one result are masked and how. Only the touched columns are kept, so a row of
 * a plan that touches nothing costs nothing.
 */
public final class ResultPlan {

    private final int columnCount;
    private final ColumnPlan[] touched;

    public ResultPlan(int columnCount, List<ColumnPlan> touched) {
        this.columnCount = columnCount;
        this.touched = touched.toArray(ColumnPlan[]::new);
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
