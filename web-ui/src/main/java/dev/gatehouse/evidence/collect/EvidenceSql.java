package dev.gatehouse.evidence.collect;

/**
 * SQL fragments the appendices and the figures share, so a figure counts exactly what its appendix
 * lists. Every period test is half-open: {@code >= :from and < :to}.
 */
final class EvidenceSql {

    private EvidenceSql() {
    }

    /** The name the data path and the audit trail use for a session's identity (Identity.displayName). */
    static final String IDENTITY = "(case when s.identity_kind = 'agent' and s.client_id is not null then s.client_id"
            + " else coalesce(s.username, s.identity_subject) end)";

    /** Statements run in the period on sessions of connections in scope (aliases st and s). */
    static final String SCOPED_STATEMENTS = "from data_statement st join data_session s on s.id = st.session_id"
            + " where st.started_at >= :from and st.started_at < :to and s.connection_name = any(:scope)";

    /** Each masking-evidence element (alias e) of the statements of {@link #SCOPED_STATEMENTS} that masked anything. */
    static final String SCOPED_MASKING = "from data_statement st join data_session s on s.id = st.session_id"
            + " cross join lateral jsonb_array_elements(st.masking::jsonb) e"
            + " where st.masking is not null and st.started_at >= :from and st.started_at < :to and s.connection_name = any(:scope)";

    /** Sessions active in the period (started before its end, not ended before its start) on connections in scope. */
    static final String ACTIVE_SESSIONS = "from data_session s where s.started_at < :to and (s.ended_at is null or s.ended_at >= :from)"
            + " and s.connection_name = any(:scope)";

    /** Sessions started in the period on connections in scope. */
    static final String STARTED_SESSIONS = "from data_session s where s.started_at >= :from and s.started_at < :to"
            + " and s.connection_name = any(:scope)";

    /** The gateway refused the statement: it never reached the target. */
    static final String BLOCKED = "st.decision in ('DENY', 'REQUIRE_APPROVAL')";

    /**
     * Refused because it waits for an approval: the approval gate answers "approval required: id" (a
     * DENY of the approval rule), and data paths without a gate record REQUIRE_APPROVAL.
     */
    static final String HELD = "(st.decision = 'REQUIRE_APPROVAL' or (st.decision = 'DENY' and st.error_message like '%approval required: %'))";

    /** The hash the audit chain carries for the statement text (RecordedText.sha256Hex), null once purged. */
    static final String SQL_SHA256 = "(case when st.sql_text is null then null else encode(sha256(convert_to(st.sql_text, 'UTF8')), 'hex') end)";

    /** Statements that change data or schema, by the statement text's first keyword. */
    static final String CHANGE = "(upper(substring(st.sql_text from '^\\s*([A-Za-z]+)')) in ('INSERT', 'UPDATE', 'DELETE', 'MERGE',"
            + " 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'COMMENT', 'COPY', 'REINDEX', 'VACUUM', 'CLUSTER'))";

    /** The connection of an approval request (expression over the request id {@code X}). */
    static String requestConnection(String id) {
        return "coalesce((select a.connection_name::text from statement_approval a where a.request_id = " + id + "),"
                + " (select g.connection_name::text from access_grant g where g.request_id = " + id + "),"
                + " (select r.details ->> 'connection' from audit_event r where r.target_type = 'approval' and r.target_id = " + id
                + " and r.action = 'approval.requested' order by r.seq limit 1))";
    }

    /** Who asked for an approval request (expression over the request id). */
    static String requestRequester(String id) {
        return "coalesce((select a.requester::text from statement_approval a where a.request_id = " + id + "),"
                + " (select g.requester::text from access_grant g where g.request_id = " + id + "),"
                + " (select r.actor::text from audit_event r where r.target_type = 'approval' and r.target_id = " + id
                + " and r.action = 'approval.requested' order by r.seq limit 1))";
    }

    /**
     * CTE "requests": approval requests opened in the period on connections in scope. Command reviews
     * come from statement_approval; access and unmask requests exist only in the workflow and the
     * audit trail, so they come from their approval.requested events, with the outcome of their
     * approval.closed / approval.expired event. decided_at is when the request closed.
     */
    static final String REQUESTS = """
            requests as (
              select r.*, (select c.occurred_at from audit_event c where c.target_type = 'approval' and c.target_id = r.request_id
                             and c.action in ('approval.closed', 'approval.expired') order by c.seq limit 1) as decided_at
              from (
                select a.request_id::text as request_id, 'COMMAND_REVIEW'::text as kind, a.requester::text as requester,
                       a.connection_name::text as connection_name, a.created_at as requested_at, a.status::text as status,
                       a.rule_name::text as rule_name, a.statement_hash::text as statement_hash, a.valid_from, a.valid_until, a.used_at
                  from statement_approval a where a.created_at >= :from and a.created_at < :to
                union all
                select e.target_id::text, coalesce(e.details ->> 'kind', case when g.request_id is not null then 'ACCESS_REQUEST' end),
                       e.actor::text, coalesce(g.connection_name::text, e.details ->> 'connection'), e.occurred_at,
                       coalesce((select case when c.action = 'approval.expired' then 'EXPIRED'
                                             else coalesce(c.details ->> 'outcome', case when g.request_id is not null then 'APPROVED' else 'CLOSED' end) end
                                   from audit_event c where c.target_type = 'approval' and c.target_id = e.target_id
                                    and c.action in ('approval.closed', 'approval.expired') order by c.seq limit 1),
                                case when g.request_id is not null then 'APPROVED' else 'PENDING' end),
                       null::text, null::text, g.valid_from, g.valid_until, null::timestamptz
                  from audit_event e left join access_grant g on g.request_id = e.target_id
                 where e.action = 'approval.requested' and e.target_type = 'approval' and e.occurred_at >= :from and e.occurred_at < :to
                   and not exists (select 1 from statement_approval a where a.request_id = e.target_id)
              ) r
              where r.connection_name = any(:scope))""";

    /** CTE "steps": every approval.* event in the period whose request is on a connection in scope. */
    static final String STEPS = "steps as (select e.*, " + requestConnection("e.target_id") + " as connection_name, "
            + requestRequester("e.target_id") + " as requester from audit_event e where e.target_type = 'approval' and e.action like 'approval.%'"
            + " and e.occurred_at >= :from and e.occurred_at < :to)";

    /** Steps on connections in scope (use after {@link #STEPS}). */
    static final String SCOPED_STEPS = "from steps where steps.connection_name = any(:scope)";
}
