package dev.gatehouse.catalog;

/**
 * The outcome of "test connection": a message meant for the admin, never containing the secret.
 *
 * @param refusedAsStore the target answered as Gatehouse's own store, which is never a target
 */
public record ConnectionTestResult(boolean success, String message, long elapsedMillis, boolean refusedAsStore) {

    public ConnectionTestResult(boolean success, String message, long elapsedMillis) {
        this(success, message, elapsedMillis, false);
    }
}
