package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.IDENTITY;

import java.util.List;

/** Just-in-time grants, approval requests and every step taken on them (controls C2, C3, C6, C7). */
final class ApprovalAppendices {

    /** Grace the grants refresher needs to end a holder's sessions once a grant is over (it runs every second). */
    static final String SESSION_END_GRACE = "interval '60 seconds'";

    private ApprovalAppendices() {
    }

    static List<AppendixQuery> all() {
        return List.of(accessGrants(), approvals(), approvalSteps());
    }

    /** When a grant stopped covering its holder: its expiry, or its revocation if earlier. */
    static final String GRANT_END = "least(g.valid_until, coalesce(g.revoked_at, g.valid_until))";

    /**
     * Sessions of the grant's holder on its connection that were still open more than the grace
     * after the grant ended, on a connection that requires just-in-time access (elsewhere a role may
     * legitimately keep the session), for grants that have ended.
     */
    static final String SESSIONS_OUTLASTING = "(select count(*) from data_session s join connection c on c.name = s.connection_name and c.requires_jit"
            + " where s.connection_name = g.connection_name and " + IDENTITY + " = g.requester and s.started_at < " + GRANT_END
            + " and " + GRANT_END + " < now() - " + SESSION_END_GRACE
            + " and coalesce(s.ended_at, 'infinity'::timestamptz) > " + GRANT_END + " + " + SESSION_END_GRACE + ")";

    /** JIT grants whose window overlaps the period. */
    static AppendixQuery accessGrants() {
        return AppendixQuery.named("access-grants")
                .column("request_id", "g.request_id")
                .column("requester", "g.requester")
                .column("connection", "g.connection_name")
                .column("reason", "g.reason")
                .column("valid_from", "g.valid_from")
                .column("valid_until", "g.valid_until")
                .column("revoked_at", "g.revoked_at")
                .column("revoked_by", "g.revoked_by")
                .column("sessions_in_window", "(select count(*) from data_session s where s.connection_name = g.connection_name and "
                        + IDENTITY + " = g.requester and s.started_at >= g.valid_from and s.started_at < " + GRANT_END + ")")
                .column("sessions_outlasting_grant", SESSIONS_OUTLASTING)
                .from("from access_grant g where g.connection_name = any(:scope) and g.valid_from < :to and g.valid_until > :from"
                        + " order by g.valid_from, g.request_id");
    }

    /** Approval requests (command reviews, access and unmask requests) opened in the period. */
    static AppendixQuery approvals() {
        return AppendixQuery.named("approvals")
                .with(EvidenceSql.REQUESTS)
                .column("request_id", "request_id")
                .column("kind", "kind")
                .column("requester", "requester")
                .column("connection", "connection_name")
                .column("requested_at", "requested_at")
                .column("status", "status")
                .column("decided_at", "decided_at")
                .column("rule", "rule_name")
                .column("statement_hash", "statement_hash")
                .column("valid_from", "valid_from")
                .column("valid_until", "valid_until")
                .column("used_at", "used_at")
                .from("from requests order by requested_at, request_id");
    }

    /** Every approval.* event of the period on a request of a connection in scope, in chain order. */
    static AppendixQuery approvalSteps() {
        return AppendixQuery.named("approval-steps")
                .with(EvidenceSql.STEPS)
                .column("seq", "seq")
                .column("at", "occurred_at")
                .column("request_id", "target_id")
                .column("connection", "connection_name")
                .column("requester", "requester")
                .column("action", "action")
                .column("actor", "actor")
                .column("actor_kind", "actor_kind")
                .column("outcome", "outcome")
                .column("step", "details ->> 'step'")
                .column("comment", "details ->> 'comment'")
                .column("refusal_reason", "details ->> 'reason'")
                .column("self_approval_attempt", "(action = 'approval.refused' and details ->> 'reason' = 'SEPARATION_OF_DUTIES'"
                        + " and actor = requester)")
                .from(EvidenceSql.SCOPED_STEPS + " order by seq");
    }
}
