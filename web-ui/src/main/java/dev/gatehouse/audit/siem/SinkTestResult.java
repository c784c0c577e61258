package dev.gatehouse.audit.siem;

/** The outcome of sending the synthetic test event. The message never holds the token. */
public record SinkTestResult(boolean delivered, String message, long elapsedMillis) {
}
