package dev.gatehouse.retention;

/** What a purge removes; the wire names are the keys of a run's counts. */
public enum PurgeKind {

    /** Statement text and parameter values set to NULL (the statement row stays). */
    PAYLOADS("payloads"),
    /** Statement rows deleted with their recording. */
    STATEMENTS("statements"),
    /** Ended session rows deleted once their statements were gone. */
    SESSIONS("sessions"),
    /** Audit events whose details were set to NULL (the chain link stays). */
    AUDIT_DETAILS("auditDetails");

    private final String wireName;

    PurgeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
