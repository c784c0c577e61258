package dev.gatehouse.catalog;

/** The outcome of "test connection": a message meant for the admin, never containing the secret. */
public record ConnectionTestResult(boolean success, String message, long elapsedMillis) {
}
