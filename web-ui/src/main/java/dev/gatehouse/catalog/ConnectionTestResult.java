package dev.gatehouse.catalog;

/**
 * The outcome of "test connection": a message meant for the admin, never containing the secret.
 *
 * @param refusal why the gateway itself refused the target, or null: {@code store_target} (the
 *     target is Gatehouse's own store) or {@code plain_password} (a password would cross a plain hop)
 */
public record ConnectionTestResult(boolean success, String message, long elapsedMillis, String refusal) {

    public ConnectionTestResult(boolean success, String message, long elapsedMillis) {
        this(success, message, elapsedMillis, null);
    }

    public boolean refusedAsStore() {
        return "store_target".equals(refusal);
    }
}
