package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import java.sql.SQLException;
import java.util.List;

/**
 * C5 (monitoring of privileged users), C9 (access to logs) and C14 (detection of unauthorized access).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C5.sessions_active</td><td>sessions active in the period (= appendix sessions rows)</td><td>data_session</td></tr>
 * <tr><td>C5.sessions_started</td><td>sessions started in the period</td><td>data_session.started_at</td></tr>
 * <tr><td>C5.statements</td><td>statements recorded in the period (= appendix statements rows)</td><td>data_statement</td></tr>
 * <tr><td>C5.statements_text_purged</td><td>of those, whose text retention has purged</td><td>data_statement.sql_text / payload_purged_at</td></tr>
 * <tr><td>C5.session_reviews</td><td>views of recorded sessions of connections in scope</td><td>audit audit.session_viewed</td></tr>
 * <tr><td>C5.sessions_reviewed</td><td>distinct sessions viewed</td><td>same, target_id</td></tr>
 * <tr><td>C5.reviewers</td><td>distinct people who viewed sessions</td><td>same, actor</td></tr>
 * <tr><td>C9.log_accesses</td><td>log-access events (= appendix log-access rows)</td><td>audit audit.session_viewed, audit.exported, audit.verified, evidence.generated, evidence.downloaded</td></tr>
 * <tr><td>C9.session_views, .audit_exports, .verifications, .evidence_generated, .evidence_downloaded</td><td>the same by action</td><td>audit_event.action</td></tr>
 * <tr><td>C9.log_accessors</td><td>distinct actors</td><td>audit_event.actor</td></tr>
 * <tr><td>C14.denied_access</td><td>denied logins and access (= appendix denied-access rows)</td><td>audit session.refused, access.decided denied, auth.rejected</td></tr>
 * <tr><td>C14.refused_sessions, .denied_access_decisions, .rejected_credentials</td><td>the same by action</td><td>audit_event.action</td></tr>
 * <tr><td>C14.blocked_commands</td><td>blocked statements (= appendix blocked-commands rows)</td><td>data_statement + audit statement.blocked</td></tr>
 * <tr><td>C14.guardrail_alerts</td><td>statements allowed with an alert</td><td>audit guardrail.alert</td></tr>
 * <tr><td>C14.rejected_requests</td><td>approval requests opened in the period and rejected</td><td>requests (see C2)</td></tr>
 * </table>
 */
final class MonitoringSections {

    private MonitoringSections() {
    }

    static ControlSection c5(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C5).appendix("sessions").appendix("statements").appendix("log-access");
        long active = d.figure("sessions_active", "Sessions active in the period", context.rowsOf(ActivityAppendices.sessions()));
        long started = d.figure("sessions_started", "Sessions started in the period",
                context.count("select count(*) " + EvidenceSql.STARTED_SESSIONS));
        d.figure("statements", "Statements recorded", context.count("select count(*) " + EvidenceSql.SCOPED_STATEMENTS));
        d.figure("statements_text_purged", "Statements whose text retention purged", context.count("select count(*) "
                + EvidenceSql.SCOPED_STATEMENTS + " and (st.sql_text is null or st.payload_purged_at is not null)"));
        String views = "from audit_event e where e.action = 'audit.session_viewed' and e.occurred_at >= :from and e.occurred_at < :to"
                + " and e.target_name = any(:scope)";
        long reviews = d.figure("session_reviews", "Views of recorded sessions", context.count("select count(*) " + views));
        d.figure("sessions_reviewed", "Distinct sessions viewed", context.count("select count(distinct e.target_id) " + views));
        d.figure("reviewers", "People who viewed sessions", context.count("select count(distinct e.actor) " + views));
        d.evidence("Every session and statement through the gateway is recorded with its identity (appendix/sessions.csv,"
                + " appendix/statements.csv); who reviewed recordings is in appendix/log-access.csv.");
        if (active == 0) {
            return d.noEvidence("no session was recorded on the connections in scope in the period");
        }
        if (started > 0 && reviews == 0) {
            d.exception("none of the " + started + " sessions started in the period was reviewed by anyone");
        }
        return d.build();
    }

    static ControlSection c9(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C9).appendix("log-access");
        long total = d.figure("log_accesses", "Accesses to logs and evidence", context.rowsOf(LogAppendices.logAccess()));
        String events = "from audit_event e where e.occurred_at >= :from and e.occurred_at < :to and e.action = ";
        d.figure("session_views", "Recorded sessions viewed",
                context.count("select count(*) " + events + "'audit.session_viewed' and e.target_name = any(:scope)"));
        d.figure("audit_exports", "Audit bundles exported", context.count("select count(*) " + events + "'audit.exported'"));
        d.figure("verifications", "Audit chain verifications", context.count("select count(*) " + events + "'audit.verified'"));
        d.figure("evidence_generated", "Evidence packs generated", context.count("select count(*) " + events + "'evidence.generated'"));
        d.figure("evidence_downloaded", "Evidence packs downloaded", context.count("select count(*) " + events + "'evidence.downloaded'"));
        d.figure("log_accessors", "People who accessed logs", context.count("select count(distinct e.actor) from audit_event e"
                + " where e.occurred_at >= :from and e.occurred_at < :to and e.action in " + LogAppendices.LOG_ACCESS_ACTIONS
                + " and (e.action <> 'audit.session_viewed' or e.target_name = any(:scope))"));
        d.evidence("Viewing a recording, exporting or verifying the audit chain and generating or downloading evidence are audit"
                + " events themselves (appendix/log-access.csv); only the auditor and admin roles reach these functions.");
        if (total == 0) {
            return d.noEvidence("no access to recordings, audit bundles or evidence was recorded in the period");
        }
        return d.build();
    }

    static ControlSection c14(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C14).appendix("denied-access").appendix("blocked-commands").appendix("approvals");
        d.figure("denied_access", "Denied logins and access", context.rowsOf(ActivityAppendices.deniedAccess()));
        String events = "from audit_event e where e.occurred_at >= :from and e.occurred_at < :to and ";
        List<Object[]> refused = context.rows("select e.seq, e.occurred_at, e.actor, e.target_name, e.details ->> 'reason' " + events
                + "e.action = 'session.refused' and e.target_name = any(:scope) order by e.seq");
        d.figure("refused_sessions", "Data-path logins refused", refused.size());
        List<Object[]> denied = context.rows("select e.seq, e.occurred_at, e.actor, e.target_name, e.details ->> 'reason' " + events
                + "e.action = 'access.decided' and e.outcome = 'denied' and e.target_name = any(:scope) order by e.seq");
        d.figure("denied_access_decisions", "Access decisions denied", denied.size());
        List<Object[]> rejected = context.rows("select e.seq, e.occurred_at, e.client_address, e.target_name, e.details ->> 'reason' " + events
                + "e.action = 'auth.rejected' order by e.seq");
        d.figure("rejected_credentials", "Credentials rejected at the API and UI", rejected.size());
        long blocked = d.figure("blocked_commands", "Statements blocked", context.rowsOf(ActivityAppendices.blockedCommands()));
        d.figure("guardrail_alerts", "Statements allowed with an alert", context.count("select count(*) " + events
                + "e.action = 'guardrail.alert' and e.target_name = any(:scope)"));
        List<Object[]> rejectedRequests = context.rows("with " + EvidenceSql.REQUESTS + " select request_id, requester, connection_name, kind"
                + " from requests where status = 'REJECTED' order by requested_at, request_id");
        d.figure("rejected_requests", "Approval requests rejected", rejectedRequests.size());
        d.evidence("Refused logins, denied access, rejected credentials, blocked statements and rejected requests are each recorded"
                + " with who, when and why (appendix/denied-access.csv, appendix/blocked-commands.csv, appendix/approvals.csv).");
        d.exceptions(refused.stream().map(r -> "login of " + r[2] + " to " + r[3] + " refused at " + r[1] + " (" + r[4] + ", seq " + r[0] + ")").toList(),
                "denied-access");
        d.exceptions(denied.stream().map(r -> "access of " + r[2] + " to " + r[3] + " denied at " + r[1] + " (" + r[4] + ", seq " + r[0] + ")").toList(),
                "denied-access");
        d.exceptions(rejected.stream().map(r -> "credential from " + r[2] + " rejected on " + r[3] + " at " + r[1] + " (" + r[4] + ", seq " + r[0] + ")")
                .toList(), "denied-access");
        if (blocked > 0) {
            d.exception(blocked + " statement(s) blocked by guardrails; each is listed in appendix/blocked-commands.csv");
        }
        d.exceptions(rejectedRequests.stream().map(r -> r[3] + " " + r[0] + " of " + r[1] + " on " + r[2] + " was rejected").toList(), "approvals");
        return d.build();
    }
}
