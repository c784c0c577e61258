package dev.gatehouse.evidence.dashboard;

import java.util.List;

/** One kind of exception over the window: its count per UTC day and the latest few, newest first. */
public record ExceptionSummary(ExceptionKind kind, DailySeries perDay, List<ExceptionEntry> latest) {

    public ExceptionSummary {
        latest = List.copyOf(latest);
    }

    public long total() {
        return perDay.total();
    }
}
