package dev.gatehouse.assembly;

/**
 * The embedded store could not start. The message is the one line a person reads after
 * "gatehouse-store: cannot start: "; the cause keeps the details for FINE logging.
 */
final class StoreStartException extends Exception {

    private static final long serialVersionUID = 1L;

    StoreStartException(String message) {
        super(message);
    }

    StoreStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
