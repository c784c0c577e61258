package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.IDENTITY;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import java.sql.SQLException;
import java.time.Instant;
import dev.gatehouse.evidence.report.ReportTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * C3 (temporary elevated access) and C4 (periodic access review).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C3.jit_grants</td><td>just-in-time grants overlapping the period</td><td>access_grant</td></tr>
 * <tr><td>C3.grants_expired</td><td>grants whose window ended in the period without revocation</td><td>access_grant.valid_until</td></tr>
 * <tr><td>C3.grants_revoked</td><td>grants revoked in the period</td><td>access_grant.revoked_at</td></tr>
 * <tr><td>C3.sessions_ended_at_grant_end</td><td>sessions the gateway ended because their grant ended</td><td>audit approval.sessions-ended (details.sessions, summed)</td></tr>
 * <tr><td>C3.sessions_outlasting_grant</td><td>sessions on a JIT connection still open 60 s after their grant ended</td><td>data_session x access_grant x connection.requires_jit</td></tr>
 * <tr><td>C3.approvals_used</td><td>single-use command approvals consumed in the period</td><td>statement_approval.used_at</td></tr>
 * <tr><td>C3.approvals_used_outside_window</td><td>of those, consumed outside their approved window</td><td>statement_approval</td></tr>
 * <tr><td>C4.campaigns</td><td>review campaigns open at some time in the period covering the scope</td><td>access_review_campaign</td></tr>
 * <tr><td>C4.campaigns_signed_off</td><td>campaigns closed in the period with a sign-off</td><td>access_review_campaign</td></tr>
 * <tr><td>C4.campaigns_overdue</td><td>campaigns still open after their due date (at period end or now)</td><td>access_review_campaign.due_at</td></tr>
 * <tr><td>C4.items, .items_confirmed, .items_revoked, .items_pending</td><td>review items of those campaigns on connections in scope, by decision</td><td>access_review_item</td></tr>
 * <tr><td>C4.items_self_reviewed</td><td>items decided by the identity under review</td><td>access_review_item.decided_by</td></tr>
 * <tr><td>C4.revocations</td><td>access revocations made in the period</td><td>access_revocation.revoked_at</td></tr>
 * <tr><td>C4.stale_access</td><td>enabled identity-connection pairs allowed by access rules with no session in the 90 days before period end</td><td>AccessMap x data_session</td></tr>
 * </table>
 */
final class GrantSections {

    static final int STALE_DAYS = 90;

    private GrantSections() {
    }

    static ControlSection c3(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C3).appendix("access-grants").appendix("approvals").appendix("approval-steps");
        String grants = "from access_grant g where g.connection_name = any(:scope)";
        long jit = d.figure("jit_grants", "Just-in-time grants overlapping the period", context.rowsOf(ApprovalAppendices.accessGrants()));
        d.figure("grants_expired", "Grants that expired in the period", context.count("select count(*) " + grants
                + " and g.valid_until >= :from and g.valid_until < :to and (g.revoked_at is null or g.revoked_at >= g.valid_until)"));
        d.figure("grants_revoked", "Grants revoked in the period",
                context.count("select count(*) " + grants + " and g.revoked_at >= :from and g.revoked_at < :to"));
        d.figure("sessions_ended_at_grant_end", "Sessions ended when their grant ended", context.count(
                "select coalesce(sum((e.details ->> 'sessions')::bigint), 0) from audit_event e where e.action = 'approval.sessions-ended'"
                        + " and e.occurred_at >= :from and e.occurred_at < :to and e.details ->> 'connection' = any(:scope)"));
        List<Object[]> outlasting = context.rows("select g.request_id, g.requester, g.connection_name, "
                + ApprovalAppendices.SESSIONS_OUTLASTING + " as n " + grants + " and g.valid_from < :to and g.valid_until > :from order by 1");
        d.figure("sessions_outlasting_grant", "Sessions still open 60 s after their grant ended",
                outlasting.stream().mapToLong(r -> (Long) r[3]).sum());
        String used = "from statement_approval a where a.connection_name = any(:scope) and a.used_at >= :from and a.used_at < :to";
        long approvals = d.figure("approvals_used", "Single-use command approvals consumed", context.count("select count(*) " + used));
        String outside = " and (a.valid_from is null or a.valid_until is null or a.used_at < a.valid_from or a.used_at > a.valid_until)";
        d.figure("approvals_used_outside_window", "Approvals consumed outside their window", context.count("select count(*) " + used + outside));
        d.evidence("Elevated access is granted for a window by an approved request and ends by itself; appendix/access-grants.csv"
                + " lists each grant's window, revocation and the sessions it covered, appendix/approvals.csv each single-use approval.");
        d.exceptions(outlasting.stream().filter(r -> (Long) r[3] > 0).map(r -> r[3] + " session(s) of " + r[1] + " on " + r[2]
                + " stayed open after grant " + r[0] + " ended").toList(), "access-grants");
        d.exceptions(context.rows("select a.request_id, a.requester, a.used_at, a.valid_from, a.valid_until " + used + outside + " order by 3")
                .stream().map(r -> "approval " + r[0] + " of " + r[1] + " was used at " + r[2] + " outside its window "
                        + r[3] + " - " + r[4]).toList(), "approvals");
        if (jit + approvals == 0) {
            return d.noEvidence("no just-in-time grant or single-use approval was in force on the connections in scope in the period");
        }
        return d.build();
    }

    static ControlSection c4(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C4).appendix("access-reviews").appendix("access-revocations").appendix("identities");
        String campaigns = "with " + GovernanceAppendices.CAMPAIGNS + " ";
        long open = d.figure("campaigns", "Review campaigns open during the period", context.count(campaigns + "select count(*) from campaigns"));
        d.figure("campaigns_signed_off", "Campaigns closed with a sign-off in the period", context.count(campaigns
                + "select count(*) from campaigns where closed_at >= :from and closed_at < :to and sign_off is not null"));
        List<Object[]> overdue = context.rows(campaigns + "select name, due_at from campaigns where status = 'open' and due_at < least(:to, now())"
                + " order by due_at");
        d.figure("campaigns_overdue", "Campaigns open past their due date", overdue.size());
        String items = campaigns + "select count(*) from campaigns c join access_review_item i on i.campaign_id = c.id"
                + " where i.connection_name = any(:scope)";
        d.figure("items", "Review items", context.count(items));
        d.figure("items_confirmed", "Items confirmed", context.count(items + " and i.decision = 'confirmed'"));
        d.figure("items_revoked", "Items revoked", context.count(items + " and i.decision = 'revoked'"));
        d.figure("items_pending", "Items not decided", context.count(items + " and i.decision = 'pending'"));
        List<Object[]> selfReviewed = context.rows(campaigns + "select c.name, i.identity_name, i.connection_name from campaigns c"
                + " join access_review_item i on i.campaign_id = c.id where i.connection_name = any(:scope) and i.decided_by = i.identity_name order by 1, 2, 3");
        d.figure("items_self_reviewed", "Items decided by the identity under review", selfReviewed.size());
        d.figure("revocations", "Access revocations made in the period", context.count("select count(*) from access_revocation v"
                + " where v.connection_name = any(:scope) and v.revoked_at >= :from and v.revoked_at < :to"));
        List<String> stale = staleAccess(context);
        d.figure("stale_access", "Allowed identity-connection pairs unused for " + STALE_DAYS + " days", stale.size());
        d.evidence("Access-review campaigns list every identity's access per connection for an owner to confirm or revoke, and are"
                + " closed with a sign-off (appendix/access-reviews.csv); revocations take effect on the data path (appendix/access-revocations.csv).");
        if (open == 0) {
            // The feature exists, so an absent review is a finding about the control, not missing evidence.
            d.exception("no access-review campaign covering these connections was open during the period");
        }
        d.exceptions(overdue.stream().map(r -> "campaign '" + r[0] + "' was due " + r[1] + " and is still open").toList(), "access-reviews");
        d.exceptions(selfReviewed.stream().map(r -> r[1] + " decided on their own access to " + r[2] + " in campaign '" + r[0] + "'").toList(),
                "access-reviews");
        d.exceptions(stale, "identities");
        return d.build();
    }

    /**
     * "name on connection" for allowed pairs with no session in the 90 days before the period's end,
     * each with its real last use before the period's end (or "never"), never a date derived from the period.
     */
    private static List<String> staleAccess(EvidenceContext context) throws SQLException {
        Map<String, Object> lastUse = new HashMap<>();
        for (Object[] r : context.rows("select " + IDENTITY + ", s.connection_name, max(s.started_at) from data_session s"
                + " where s.connection_name = any(:scope) and s.started_at < :to group by 1, 2")) {
            lastUse.put(r[0] + "\u0000" + r[1], r[2]);
        }
        Instant staleBefore = context.scope().to().minus(java.time.Duration.ofDays(STALE_DAYS));
        return AccessMap.of(context).stream().filter(a -> {
            Object last = lastUse.get(a.identity() + "\u0000" + a.connection());
            return last == null || ((Instant) last).isBefore(staleBefore);
        }).map(a -> {
            Object last = lastUse.get(a.identity() + "\u0000" + a.connection());
            return a.identity() + " (" + a.kind() + ") may use " + a.connection() + " via " + a.via()
                    + (last == null ? ", never used before the period's end" : ", last used " + ReportTime.format(((Instant) last)));
        }).sorted().toList();
    }
}
