package dev.gatehouse.recording;

/**
 * A session with the number of statements recorded so far: the count the data path reported at the
 * end for ended sessions, the rows recorded until now for active ones.
 */
public record SessionSummary(RecordedSession session, long statements) {
}
