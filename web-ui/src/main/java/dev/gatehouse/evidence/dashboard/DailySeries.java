package dev.gatehouse.evidence.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One count per UTC day of the window, zero where nothing happened; {@link #total()} is their sum. */
public record DailySeries(List<LocalDate> days, List<Long> counts) {

    public DailySeries {
        days = List.copyOf(days);
        counts = List.copyOf(counts);
        if (days.size() != counts.size()) {
            throw new IllegalArgumentException("one count per day: " + days.size() + " days, " + counts.size() + " counts");
        }
    }

    static DailySeries of(DashboardWindow window, Map<LocalDate, Long> countsByDay) {
        return new DailySeries(window.days(), window.days().stream().map(day -> countsByDay.getOrDefault(day, 0L)).toList());
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    public long on(LocalDate day) {
        int index = days.indexOf(day);
        return index < 0 ? 0 : counts.get(index);
    }
}
