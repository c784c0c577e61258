package dev.gatehouse.evidence.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The event-like exceptions, each read where the gateway records it: the audit trail for refused
 * approvals, blocked statements and verification runs (indexed by occurred_at), the masking
 * exemptions for unmask grants. Texts name requests, connections and rules; never SQL or values.
 */
final class ExceptionQueries {

    /**
     * A refused claim or decision whose actor requested the same approval request. The requester is
     * read from the request's approval.requested row, not from the refusal's message, so the count
     * holds after retention has purged the details, and a second decision by one approver (also a
     * segregation-of-duties refusal) is not mistaken for a self-approval.
     */
    static final WindowedQuery SELF_APPROVALS = new WindowedQuery(ExceptionKind.SELF_APPROVAL, """
            select e.occurred_at as at, e.actor as who,
                   'request ' || coalesce(e.target_id, '?') || coalesce(', refused: ' || (e.details ->> 'reason'), '') as what
              from audit_event e
             where e.action = 'approval.refused' and e.occurred_at >= ? and e.occurred_at < ?
               and exists (select 1 from audit_event r
                            where r.target_type = e.target_type and r.target_id = e.target_id
                              and r.action = 'approval.requested' and r.actor = e.actor)""");

    /** Denied, or held for an approval: the recorder writes statement.blocked for both (RecordingBatchWriter). */
    static final WindowedQuery BLOCKED_COMMANDS = new WindowedQuery(ExceptionKind.BLOCKED_COMMAND, """
            select occurred_at as at, actor as who,
                   coalesce(target_name, '?')
                   || case details ->> 'decision' when 'DENY' then ', denied' when 'REQUIRE_APPROVAL' then ', held for approval' else '' end
                   || coalesce(' by rule ' || (details ->> 'rule'), '') as what
              from audit_event
             where action = 'statement.blocked' and occurred_at >= ? and occurred_at < ?""");

    static final WindowedQuery UNMASK_GRANTS = new WindowedQuery(ExceptionKind.UNMASKED_ACCESS, """
            select granted_at as at, coalesce(username, subject) as who,
                   'unmask on ' || connection_name || ', granted by ' || granted_by
                   || case when revoked_at is null then '' else ', revoked by ' || revoked_by end as what
              from masking_exemption
             where granted_at >= ? and granted_at < ?""");

    static final WindowedQuery FAILED_VERIFICATIONS = new WindowedQuery(ExceptionKind.FAILED_VERIFICATION, """
            select occurred_at as at, actor as who,
                   coalesce(details ->> 'problem', 'chain broken') || coalesce(' at seq ' || (details ->> 'firstBadSeq'), '')
                   || coalesce(' (' || (details ->> 'channel') || ')', '') as what
              from audit_event
             where action = 'audit.verified' and outcome = 'failure' and occurred_at >= ? and occurred_at < ?""");

    /** Every issue-17 refusal is recorded with outcome denied and a details.reason; the action says what was tried. */
    static final WindowedQuery REFUSED_POWERS = new WindowedQuery(ExceptionKind.REFUSED_POWER, """
            select occurred_at as at, actor as who,
                   action || coalesce(' on ' || coalesce(target_name, target_id), '') || ', refused: ' || (details ->> 'reason') as what
              from audit_event
             where outcome = 'denied' and occurred_at >= ? and occurred_at < ?
               and action in ('connection.refused', 'agent.refused', 'authorization.refused', 'masking.exemption_refused', 'approval.refused')
               and details ->> 'reason' in ('store_target', 'plain_password', 'person_role', 'service_account', 'self_grant',
                                            'SERVICE_ACCOUNT', 'DURATION_CEILING')""");

    private static final String LIVE_UNMASK_GRANTS = """
            select count(*) from masking_exemption where revoked_at is null and starts_at <= ? and ends_at > ?""";

    private ExceptionQueries() {
    }

    /** Unmask grants in force at {@code window.to()}, whenever they were given. */
    static long liveUnmaskGrants(Connection connection, DashboardWindow window) throws SQLException {
        OffsetDateTime now = OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC);
        try (PreparedStatement count = connection.prepareStatement(LIVE_UNMASK_GRANTS)) {
            count.setObject(1, now);
            count.setObject(2, now);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
