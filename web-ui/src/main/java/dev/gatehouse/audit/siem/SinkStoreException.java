package dev.gatehouse.audit.siem;

/** The store could not be read or written during delivery; the round is retried after a back-off. */
public class SinkStoreException extends RuntimeException {

    public SinkStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
