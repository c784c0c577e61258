package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportedEvent;

/**
 * One severity scale for every format, so an event ranks the same in OCSF, CEF and syslog: what
 * succeeded is informational, what failed is low, what policy denied or flagged is medium.
 */
public enum EventSeverity {

    INFORMATIONAL(1, "Informational", 3, 6),
    LOW(2, "Low", 5, 5),
    MEDIUM(3, "Medium", 7, 4);

    private final int ocsfId;
    private final String ocsfName;
    private final int cef;
    private final int syslog;

    EventSeverity(int ocsfId, String ocsfName, int cef, int syslog) {
        this.ocsfId = ocsfId;
        this.ocsfName = ocsfName;
        this.cef = cef;
        this.syslog = syslog;
    }

    public static EventSeverity of(ExportedEvent event) {
        if ("guardrail.alert".equals(event.action()) || "denied".equals(event.outcome())) {
            return MEDIUM;
        }
        return "failure".equals(event.outcome()) ? LOW : INFORMATIONAL;
    }

    /** OCSF severity_id. */
    public int ocsfId() {
        return ocsfId;
    }

    /** OCSF severity caption. */
    public String ocsfName() {
        return ocsfName;
    }

    /** CEF header severity, 0 to 10. */
    public int cef() {
        return cef;
    }

    /** RFC 5424 severity: 6 informational, 5 notice, 4 warning. */
    public int syslog() {
        return syslog;
    }
}
