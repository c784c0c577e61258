package dev.gatehouse.audit.siem;

import java.time.Instant;

/**
 * How far a sink is and how it fares, from the store, so every node reports the same.
 *
 * @param state "disabled", "failing" (the last attempt failed), "delivering" (events wait) or "up-to-date"
 * @param lag   events in the chain that the sink has not delivered yet
 */
public record SinkStatus(String state, long cursorSeq, long headSeq, long lag, long deliveredCount, int consecutiveFailures, String lastError,
        Instant lastAttemptAt, Instant lastDeliveredAt) {

    public static SinkStatus of(SiemSink sink, long headSeq) {
        long lag = Math.max(0, headSeq - sink.cursorSeq());
        String state = !sink.enabled() ? "disabled"
                : sink.consecutiveFailures() > 0 ? "failing"
                : lag > 0 ? "delivering" : "up-to-date";
        return new SinkStatus(state, sink.cursorSeq(), headSeq, lag, sink.deliveredCount(), sink.consecutiveFailures(), sink.lastError(),
                sink.lastAttemptAt(), sink.lastDeliveredAt());
    }
}
