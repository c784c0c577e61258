package dev.gatehouse.evidence;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The FFIEC control statements an evidence pack answers (../shared/docs/FFIEC-CONTROLS.md). The
 * wording is ours; the source names the handbook section an examiner will look it up in.
 */
public enum FfiecControl {

    C1("Least privilege", "Access rights follow job responsibilities and least privilege",
            "Roles and access rules per connection; grants per identity; identities with no use in the period",
            "FFIEC IT Handbook, Information Security (2016) II.C.7, II.C.7(b)"),
    C2("Approval of privileged access", "Privileged access is approved, with more approval levels as criticality rises",
            "Approval records (requester, approvers per step, time, comment); the approval path taken",
            "FFIEC IT Handbook, Information Security (2016) II.C.7(c)"),
    C3("Temporary elevated access", "Elevated access is temporary and removed promptly",
            "Just-in-time grant start, expiry and revocation; sessions ended at expiry",
            "FFIEC IT Handbook, Information Security (2016) II.C.7(b)"),
    C4("Periodic access review", "Access is reviewed periodically by owners and independently",
            "Access-review campaigns, decisions and sign-offs; stale grants",
            "FFIEC IT Handbook, Information Security (2016) II.C.7(b)"),
    C5("Monitoring of privileged users", "The activity of privileged users is independently monitored",
            "Session recordings and statement logs; reviews of them by auditors",
            "FFIEC IT Handbook, Information Security (2016) II.C.7(c)"),
    C6("Segregation of duties", "The requester is not the approver, and no single person controls a whole system",
            "Segregation-of-duties checks enforced; self-approval attempts blocked and logged",
            "FFIEC IT Handbook, Information Security (2016) II.C.7(c)"),
    C7("Change control", "Changes are limited to authorized users and reviewed",
            "DDL/DML approvals bound to the exact statement; blocked change attempts",
            "FFIEC IT Handbook, Information Security (2016) II.C.10"),
    C8("Log retention", "Log retention supports incident response",
            "Retention configuration; the oldest retained record; purge events",
            "FFIEC IT Handbook, Information Security (2016) II.C.22"),
    C9("Access to logs", "Access to logs is controlled and monitored",
            "Who viewed or exported recordings, audit bundles and evidence",
            "FFIEC IT Handbook, Information Security (2016) II.C.22"),
    C10("Log integrity", "Logs are protected from modification",
            "Hash-chain verification result; signed checkpoints anchored outside the database",
            "FFIEC IT Handbook, Information Security (2016) II.C.22"),
    C11("Independent review of logging", "Logging practices are independently reviewed",
            "Auditor-role verification runs and their results",
            "FFIEC IT Handbook, Information Security (2016) II.C.22"),
    C12("Log aggregation (SIEM)", "Logs are aggregated and correlated",
            "SIEM delivery status, lag and formats",
            "FFIEC IT Handbook, Information Security (2016) II.C.22"),
    C13("Identification and authentication", "Every user is identified and authenticated, including service accounts and applications",
            "Identity inventory (humans vs agents); the authentication method per session",
            "FFIEC Authentication and Access to Financial Institution Services and Systems (2021)"),
    C14("Detection of unauthorized access", "Monitoring detects and tracks unauthorized access",
            "Denied logins and sessions, blocked commands, rejected requests",
            "FFIEC Authentication and Access to Financial Institution Services and Systems (2021)"),
    C15("Minimized exposure of customer data", "Exposure of sensitive customer data is minimized",
            "Masking rules and their coverage; counts of masked values; unmask approvals",
            "FFIEC IT Handbook, Information Security (2016) II.C.13 / II.C.18 (section text not verified)");

    private final String title;
    private final String statement;
    private final String evidenceSought;
    private final String source;

    FfiecControl(String title, String statement, String evidenceSought, String source) {
        this.title = title;
        this.statement = statement;
        this.evidenceSought = evidenceSought;
        this.source = source;
    }

    public String title() {
        return title;
    }

    public String statement() {
        return statement;
    }

    public String evidenceSought() {
        return evidenceSought;
    }

    public String source() {
        return source;
    }

    /** "C7 Change control": how the PDF heads a section and the UI lists it. */
    public String heading() {
        return name() + " " + title;
    }

    public static Optional<FfiecControl> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    public static List<FfiecControl> all() {
        return List.of(values());
    }
}
