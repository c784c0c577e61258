package dev.gatehouse.ui;

import java.time.Duration;

/** Durations as people read them: "2d 3h", "3h 12m", "1h", "4m", "under a minute". */
final class Durations {

    private Durations() {
    }

    static String human(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return rest > 0 ? hours + "h " + rest + "m" : hours + "h";
        }
        return rest + "m";
    }
}
