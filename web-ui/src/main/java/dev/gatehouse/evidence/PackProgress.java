package dev.gatehouse.evidence;

/** How a pack job reports progress to its row (the Evidence page polls it). */
@FunctionalInterface
public interface PackProgress {

    PackProgress IGNORED = (stage, percent) -> { };

    /** @param percent 0..100, never going back */
    void at(String stage, int percent);
}
