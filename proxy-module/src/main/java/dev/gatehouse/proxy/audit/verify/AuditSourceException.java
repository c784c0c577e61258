package dev.gatehouse.proxy.audit.verify;

/** The source failed while streaming (a lost connection, an unreadable file): verification could not finish. */
public final class AuditSourceException extends RuntimeException {

    public AuditSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
