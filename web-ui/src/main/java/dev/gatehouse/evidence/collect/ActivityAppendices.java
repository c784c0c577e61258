package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.BLOCKED;
import static dev.gatehouse.evidence.collect.EvidenceSql.HELD;
import static dev.gatehouse.evidence.collect.EvidenceSql.IDENTITY;
import static dev.gatehouse.evidence.collect.EvidenceSql.SQL_SHA256;

import java.util.List;

/**
 * What happened on the data path: sessions, statements, blocked commands and denied access. Metadata
 * only: never bound parameter values, never result values, never a target's error text (it can
 * quote data); masking appears as rule names and counts.
 */
final class ActivityAppendices {

    private ActivityAppendices() {
    }

    static List<AppendixQuery> all() {
        return List.of(sessions(), statements(), blockedCommands(), deniedAccess());
    }

    /** Sessions active in the period (started before its end and not ended before its start). */
    static AppendixQuery sessions() {
        return AppendixQuery.named("sessions")
                .column("session_id", "s.id::text")
                .column("identity", IDENTITY)
                .column("identity_kind", "s.identity_kind")
                .column("subject", "s.identity_subject")
                .column("auth_method", "s.auth_method")
                .column("connection", "s.connection_name")
                .column("protocol", "s.protocol")
                .column("database", "s.database_name")
                .column("client_address", "s.client_address")
                .column("client_tls", "s.client_tls")
                .column("application_name", "s.application_name")
                .column("matched_rule", "s.matched_rule")
                .column("started_at", "s.started_at")
                .column("ended_at", "s.ended_at")
                .column("end_reason", "s.end_reason")
                .column("statement_count", "s.statement_count")
                .column("bytes_from_client", "s.bytes_from_client")
                .column("bytes_to_client", "s.bytes_to_client")
                .column("legal_hold", "s.legal_hold")
                .from(EvidenceSql.ACTIVE_SESSIONS + " order by s.started_at, s.id");
    }

    /** Statements run in the period, with the text as recorded (empty and flagged once retention purged it). */
    static AppendixQuery statements() {
        return AppendixQuery.named("statements")
                .column("session_id", "st.session_id::text")
                .column("sequence", "st.sequence")
                .column("started_at", "st.started_at")
                .column("duration_micros", "st.duration_micros")
                .column("identity", IDENTITY)
                .column("identity_kind", "s.identity_kind")
                .column("connection", "s.connection_name")
                .column("protocol_mode", "st.protocol_mode")
                .column("command_tags", "replace(st.command_tags, E'\\n', ';')")
                .column("rows", "st.row_count")
                .column("sql_state", "st.sql_state")
                .column("decision", "st.decision")
                .column("decision_rule", "st.decision_rule")
                .column("sql_sha256", SQL_SHA256)
                .column("statement", "coalesce(st.sql_text, '')")
                .column("statement_purged", "(st.sql_text is null or st.payload_purged_at is not null)")
                .column("masking", maskingSummary())
                .from(EvidenceSql.SCOPED_STATEMENTS + " order by st.started_at, st.session_id, st.sequence");
    }

    /** "rule:values;rule:values" from the statement's masking evidence, by rule name. */
    static String maskingSummary() {
        return "(select string_agg(m.rule || ':' || m.masked, ';' order by m.rule) from (select e ->> 'rule' as rule,"
                + " sum((e ->> 'values')::bigint) as masked from jsonb_array_elements(st.masking::jsonb) e group by 1) m)";
    }

    /**
     * The statements the gateway refused. The recording is the source (one row per blocked
     * statement, with the seq of its statement.blocked audit event); a statement.blocked event whose
     * recording retention has already deleted still appears, from the audit trail alone (source
     * "audit"), so purging never hides a blocked attempt.
     */
    static AppendixQuery blockedCommands() {
        return AppendixQuery.named("blocked-commands")
                .with("rec as (select st.session_id, st.sequence, st.started_at, " + IDENTITY + " as identity, s.identity_kind,"
                        + " s.connection_name, st.decision, st.decision_rule, " + HELD + " as held, st.error_message, " + SQL_SHA256 + " as sql_sha256 "
                        + EvidenceSql.SCOPED_STATEMENTS + " and " + BLOCKED + "),"
                        + " ev as (select e.seq, e.occurred_at, e.actor, e.actor_kind, e.target_name, e.details from audit_event e"
                        + " where e.action = 'statement.blocked' and e.occurred_at >= :from and e.occurred_at < :to and e.target_name = any(:scope))")
                .column("source", "case when rec.session_id is null then 'audit' else 'recording' end")
                .column("session_id", "coalesce(rec.session_id::text, ev.details ->> 'sessionId')")
                .column("sequence", "coalesce(rec.sequence, (ev.details ->> 'sequence')::bigint)")
                .column("at", "coalesce(rec.started_at, ev.occurred_at)")
                .column("identity", "coalesce(rec.identity, ev.actor)")
                .column("identity_kind", "coalesce(rec.identity_kind, ev.actor_kind)")
                .column("connection", "coalesce(rec.connection_name, ev.target_name)")
                .column("decision", "coalesce(rec.decision, ev.details ->> 'decision')")
                .column("rule", "coalesce(rec.decision_rule, ev.details ->> 'rule')")
                .column("held_for_approval", "coalesce(rec.held, ev.details ->> 'decision' = 'REQUIRE_APPROVAL'"
                        + " or ev.details ->> 'message' like '%approval required: %')")
                .column("gateway_message", "coalesce(rec.error_message, ev.details ->> 'message')")
                .column("sql_sha256", "coalesce(rec.sql_sha256, ev.details ->> 'sql_sha256')")
                .column("audit_seq", "ev.seq")
                .from("from rec full join ev on ev.details ->> 'sessionId' = rec.session_id::text"
                        + " and (ev.details ->> 'sequence')::bigint = rec.sequence"
                        + " order by coalesce(rec.started_at, ev.occurred_at), coalesce(rec.session_id::text, ev.details ->> 'sessionId'), 3");
    }

    /**
     * Access the gateway refused: logins to the data path that did not become sessions
     * (session.refused), access decisions that denied (access.decided), on connections in scope, and
     * rejected credentials at the API and UI (auth.rejected, which concern no connection).
     */
    static AppendixQuery deniedAccess() {
        return AppendixQuery.named("denied-access")
                .column("seq", "e.seq")
                .column("at", "e.occurred_at")
                .column("action", "e.action")
                .column("actor", "e.actor")
                .column("actor_kind", "e.actor_kind")
                .column("client_address", "e.client_address")
                .column("target", "e.target_name")
                .column("outcome", "e.outcome")
                .column("reason", "e.details ->> 'reason'")
                .column("sql_state", "e.details ->> 'sqlState'")
                .from("from audit_event e where e.occurred_at >= :from and e.occurred_at < :to and ("
                        + "(e.action = 'session.refused' and e.target_name = any(:scope))"
                        + " or (e.action = 'access.decided' and e.outcome = 'denied' and e.target_name = any(:scope))"
                        + " or e.action = 'auth.rejected') order by e.seq");
    }
}
