package dev.gatehouse.proxy.audit.verify;

/**
 * One record of a source cannot be read as an event (bad JSON, a missing field). Unlike an
 * {@link AuditSourceException} this is evidence about the content: the verifier reports it as a
 * modified row at the seq it expected next.
 */
public final class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
