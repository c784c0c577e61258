package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.BLOCKED;
import static dev.gatehouse.evidence.collect.EvidenceSql.CHANGE;
import static dev.gatehouse.evidence.collect.EvidenceSql.HELD;
import static dev.gatehouse.evidence.collect.EvidenceSql.SCOPED_STATEMENTS;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import java.sql.SQLException;
import java.util.List;

/**
 * C2 (approval of privileged access), C6 (segregation of duties) and C7 (change control).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C2.requests</td><td>approval requests opened in the period (= appendix approvals rows)</td><td>statement_approval; audit approval.requested</td></tr>
 * <tr><td>C2.approved, .rejected, .expired, .pending</td><td>those requests by status</td><td>statement_approval.status; approval.closed/expired details.outcome</td></tr>
 * <tr><td>C2.decisions</td><td>approve/reject decisions recorded in the period</td><td>audit approval.approved, approval.rejected</td></tr>
 * <tr><td>C2.escalations</td><td>escalations in the period</td><td>audit approval.escalated</td></tr>
 * <tr><td>C2.multi_step_requests</td><td>requests approved in two or more distinct steps</td><td>audit approval.approved details.step</td></tr>
 * <tr><td>C2.approved_without_approver</td><td>requests APPROVED with no approval.approved event at all</td><td>requests x audit_event</td></tr>
 * <tr><td>C6.decisions</td><td>= C2.decisions</td><td>audit</td></tr>
 * <tr><td>C6.sod_refusals</td><td>claims or decisions refused by segregation of duties</td><td>audit approval.refused, details.reason SEPARATION_OF_DUTIES</td></tr>
 * <tr><td>C6.self_approval_attempts</td><td>of those, by the request's own requester</td><td>same, actor = requester</td></tr>
 * <tr><td>C6.decisions_by_requester</td><td>decisions that went through although the decider is the requester (must be 0)</td><td>audit approval.approved/rejected, actor = requester</td></tr>
 * <tr><td>C7.changes_run</td><td>change statements (DML/DDL by first keyword) the gateway let through</td><td>data_statement</td></tr>
 * <tr><td>C7.changes_unguarded</td><td>of those, on connections without guardrails (no decision recorded)</td><td>data_statement.decision is null</td></tr>
 * <tr><td>C7.blocked_changes</td><td>change statements the gateway refused (including held for approval)</td><td>data_statement.decision DENY/REQUIRE_APPROVAL</td></tr>
 * <tr><td>C7.changes_held_for_approval</td><td>of those, refused while waiting for an approval</td><td>decision REQUIRE_APPROVAL or "approval required:" message</td></tr>
 * <tr><td>C7.command_reviews</td><td>command reviews opened in the period</td><td>statement_approval.created_at</td></tr>
 * <tr><td>C7.command_reviews_approved</td><td>of those, approved</td><td>statement_approval.status</td></tr>
 * <tr><td>C7.approved_commands_run</td><td>approved statements consumed (run) in the period</td><td>statement_approval.used_at</td></tr>
 * </table>
 */
final class ApprovalSections {

    private static final String REQUESTS = "with " + EvidenceSql.REQUESTS + " ";
    private static final String STEPS = "with " + EvidenceSql.STEPS + " ";
    private static final String DECISIONS = " and steps.action in ('approval.approved', 'approval.rejected')";
    private static final String SOD = " and steps.action = 'approval.refused' and steps.details ->> 'reason' = 'SEPARATION_OF_DUTIES'";

    /** Refused self-serving admin grants (issue 17). */
    static final String SELF_GRANTS = "outcome = 'denied' and action = 'masking.exemption_refused' and details ->> 'reason' = 'self_grant'";

    /** Refused attempts by agents to act as people, and refused registrations of agents with a person's role (issue 17). */
    static final String MACHINE_DECISIONS = "outcome = 'denied' and ((action = 'approval.refused' and details ->> 'reason' = 'SERVICE_ACCOUNT')"
            + " or (action = 'authorization.refused' and details ->> 'reason' = 'service_account')"
            + " or (action = 'agent.refused' and details ->> 'reason' = 'person_role'))";

    private ApprovalSections() {
    }

    static ControlSection c2(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C2).appendix("approvals").appendix("approval-steps");
        long requests = d.figure("requests", "Approval requests opened", context.rowsOf(ApprovalAppendices.approvals()));
        for (String status : List.of("approved", "rejected", "expired", "pending")) {
            d.figure(status, "Requests " + status, context.count(REQUESTS + "select count(*) from requests where status = '"
                    + status.toUpperCase(java.util.Locale.ROOT) + "'"));
        }
        long decisions = d.figure("decisions", "Approve and reject decisions", context.count(STEPS + "select count(*) " + EvidenceSql.SCOPED_STEPS + DECISIONS));
        d.figure("escalations", "Escalations", context.count(STEPS + "select count(*) " + EvidenceSql.SCOPED_STEPS + " and steps.action = 'approval.escalated'"));
        d.figure("multi_step_requests", "Requests approved in two or more steps", context.count(STEPS + "select count(*) from (select target_id "
                + EvidenceSql.SCOPED_STEPS + " and steps.action = 'approval.approved' group by target_id having count(distinct details ->> 'step') > 1) m"));
        List<Object[]> unapproved = context.rows(REQUESTS + "select r.request_id, r.requester from requests r where r.status = 'APPROVED'"
                + " and not exists (select 1 from audit_event a where a.target_type = 'approval' and a.target_id = r.request_id"
                + " and a.action = 'approval.approved') order by 1");
        d.figure("approved_without_approver", "Requests approved with no recorded approver", unapproved.size());
        d.evidence("Each request records its requester, every claim and decision per step with the approver, time and comment"
                + " (appendix/approval-steps.csv), and its outcome and window (appendix/approvals.csv).");
        d.exceptions(unapproved.stream().map(r -> "request " + r[0] + " of " + r[1] + " is approved but no approval decision is recorded").toList(),
                "approvals");
        if (requests == 0 && decisions == 0) {
            return d.noEvidence("no approval request was opened or decided on the connections in scope in the period");
        }
        return d.build();
    }

    static ControlSection c6(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C6).appendix("approval-steps");
        long decisions = d.figure("decisions", "Approve and reject decisions", context.count(STEPS + "select count(*) " + EvidenceSql.SCOPED_STEPS + DECISIONS));
        List<Object[]> refusals = context.rows(STEPS + "select seq, occurred_at, actor, target_id, connection_name, requester, details ->> 'message' "
                + EvidenceSql.SCOPED_STEPS + SOD + " order by seq");
        long refused = d.figure("sod_refusals", "Attempts refused by segregation of duties", refusals.size());
        List<Object[]> self = refusals.stream().filter(r -> r[2].equals(r[5])).toList();
        d.figure("self_approval_attempts", "Self-approval attempts", self.size());
        List<Object[]> violations = context.rows(STEPS + "select seq, occurred_at, actor, target_id, action " + EvidenceSql.SCOPED_STEPS + DECISIONS
                + " and steps.actor = steps.requester order by seq");
        d.figure("decisions_by_requester", "Decisions made by the requester", violations.size());
        // Issue 17: admin powers are split too. These refusals name no connection, so they are counted
        // for the whole period, whatever the scope.
        List<Object[]> selfGrants = context.rows("select seq, occurred_at, actor, coalesce(target_name, ''), details ->> 'reason'"
                + " from audit_event where " + SELF_GRANTS + " and occurred_at >= :from and occurred_at < :to order by seq");
        d.figure("refused_self_grants", "Refused self-grants (an admin granting herself unmasking or access)", selfGrants.size());
        List<Object[]> machines = context.rows("select seq, occurred_at, actor, coalesce(target_name, target_id, ''), action"
                + " from audit_event where " + MACHINE_DECISIONS + " and occurred_at >= :from and occurred_at < :to order by seq");
        d.figure("refused_service_account_actions", "Refused service-account decisions, sign-offs and person roles", machines.size());
        d.evidence("The workflow refuses any claim or decision by the requester and a second decision by the same person on one request,"
                + " and records each refused attempt (appendix/approval-steps.csv, action approval.refused).");
        d.exceptions(self.stream().map(r -> r[2] + " tried to approve their own request " + r[3] + " on " + r[4] + " at " + r[1]
                + ": refused (audit seq " + r[0] + ")").toList(), "approval-steps");
        d.exceptions(refusals.stream().filter(r -> !r[2].equals(r[5])).map(r -> r[2] + " was refused on request " + r[3] + " at " + r[1]
                + ": " + r[6] + " (audit seq " + r[0] + ")").toList(), "approval-steps");
        d.exceptions(selfGrants.stream().map(r -> r[2] + " tried to grant themselves an exemption at " + r[1]
                + ": refused (audit seq " + r[0] + ")").toList(), "approval-steps");
        d.exceptions(machines.stream().map(r -> r[2] + " (" + r[4] + ") on " + r[3] + " at " + r[1]
                + ": refused, agents do not decide (audit seq " + r[0] + ")").toList(), "approval-steps");
        d.exceptions(violations.stream().map(r -> r[2] + " decided (" + r[4] + ") on their own request " + r[3] + " at " + r[1]
                + " (audit seq " + r[0] + ")").toList(), "approval-steps");
        if (decisions == 0 && refused == 0 && selfGrants.isEmpty() && machines.isEmpty()) {
            return d.noEvidence("no approval decision or refused attempt was recorded on the connections in scope in the period");
        }
        return d.build();
    }

    static ControlSection c7(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C7).appendix("statements").appendix("blocked-commands").appendix("approvals");
        String changes = "select count(*) " + SCOPED_STATEMENTS + " and " + CHANGE;
        long run = d.figure("changes_run", "Change statements run", context.count(changes + " and not " + BLOCKED));
        d.figure("changes_unguarded", "Change statements run without guardrails", context.count(changes + " and st.decision is null"));
        long blocked = d.figure("blocked_changes", "Change statements blocked", context.count(changes + " and " + BLOCKED));
        d.figure("changes_held_for_approval", "Change statements held for approval", context.count(changes + " and " + HELD));
        String reviews = "from statement_approval a where a.connection_name = any(:scope)";
        long opened = d.figure("command_reviews", "Command reviews opened",
                context.count("select count(*) " + reviews + " and a.created_at >= :from and a.created_at < :to"));
        d.figure("command_reviews_approved", "Command reviews approved",
                context.count("select count(*) " + reviews + " and a.created_at >= :from and a.created_at < :to and a.status = 'APPROVED'"));
        d.figure("approved_commands_run", "Approved commands run",
                context.count("select count(*) " + reviews + " and a.used_at >= :from and a.used_at < :to"));
        d.evidence("Guardrails decide on every statement before it reaches the target; a statement that needs approval runs only"
                + " when an approval bound to its exact text (statement_hash) is consumed. Blocked attempts: appendix/blocked-commands.csv.");
        d.exceptions(context.rows("select s.connection_name, count(*) " + SCOPED_STATEMENTS + " and " + CHANGE
                + " and st.decision is null group by 1 order by 1").stream()
                .map(r -> r[1] + " change statement(s) ran on " + r[0] + " without any guardrail decision").toList(), "statements");
        if (run + blocked + opened == 0) {
            return d.noEvidence("no change statement and no command review on the connections in scope in the period");
        }
        return d.build();
    }
}
