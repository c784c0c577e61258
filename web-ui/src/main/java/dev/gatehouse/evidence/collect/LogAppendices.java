package dev.gatehouse.evidence.collect;

import java.util.List;

/** Retention (C8), access to logs (C9) and SIEM delivery (C12). */
final class LogAppendices {

    /** The log-access actions: who looked at or took recordings, audit bundles and evidence. */
    static final String LOG_ACCESS_ACTIONS = "('audit.session_viewed', 'audit.exported', 'audit.verified', 'evidence.generated', 'evidence.downloaded')";

    private LogAppendices() {
    }

    static List<AppendixQuery> all() {
        return List.of(retention(), retentionRuns(), logAccess(), siem());
    }

    /**
     * One row per connection in scope with its effective policy (its own row, else '*'), and a row
     * '*' for events that concern no connection; each with the oldest record still retained.
     */
    static AppendixQuery retention() {
        return AppendixQuery.named("retention")
                .with("targets as (select unnest(:scope) as name union all select '*')")
                .column("connection", "t.name")
                .column("policy", "p.connection_name")
                .column("payload_days", "p.payload_days")
                .column("recording_days", "p.recording_days")
                .column("audit_days", "p.audit_days")
                .column("legal_hold", "p.legal_hold")
                .column("legal_hold_reason", "p.legal_hold_reason")
                .column("policy_updated_by", "p.updated_by")
                .column("policy_updated_at", "p.updated_at")
                .column("oldest_session", "case when t.name = '*' then null else"
                        + " (select min(s.started_at) from data_session s where s.connection_name = t.name) end")
                .column("oldest_statement_payload", "case when t.name = '*' then null else (select min(st.started_at) from data_statement st"
                        + " join data_session s on s.id = st.session_id where s.connection_name = t.name and st.payload_purged_at is null"
                        + " and st.sql_text is not null) end")
                .column("oldest_audit_details", "case when t.name = '*' then (select min(e.occurred_at) from audit_event e"
                        + " where e.details is not null and e.target_type <> 'connection') else (select min(e.occurred_at) from audit_event e"
                        + " where e.details is not null and e.target_type = 'connection' and e.target_name = t.name) end")
                .column("oldest_audit_event", "case when t.name = '*' then (select min(e.occurred_at) from audit_event e) end")
                .from("from targets t left join lateral (select * from retention_policy rp where rp.connection_name in (t.name, '*')"
                        + " order by rp.connection_name = '*' limit 1) p on true order by t.name = '*', t.name");
    }

    /** Purge runs started in the period, with their retention.purged audit event when they purged anything. */
    static AppendixQuery retentionRuns() {
        return AppendixQuery.named("retention-runs")
                .column("run_id", "r.id::text")
                .column("triggered_via", "r.triggered_via")
                .column("triggered_by", "r.triggered_by")
                .column("started_at", "r.started_at")
                .column("finished_at", "r.finished_at")
                .column("outcome", "r.outcome")
                .column("counts", "r.counts::text")
                .column("held_connections", "r.held_connections")
                .column("error", "r.error")
                .column("purged_event_seq", "r.audit_seq")
                .column("purged_event_at", "(select e.occurred_at from audit_event e where e.seq = r.audit_seq)")
                .from("from retention_run r where r.started_at >= :from and r.started_at < :to order by r.started_at, r.id");
    }

    /**
     * Who viewed or exported recordings, verified or exported the audit chain, or generated or
     * downloaded evidence, in the period. Session views are of sessions of connections in scope; the
     * chain and evidence concern every connection.
     */
    static AppendixQuery logAccess() {
        return AppendixQuery.named("log-access")
                .column("seq", "e.seq")
                .column("at", "e.occurred_at")
                .column("action", "e.action")
                .column("actor", "e.actor")
                .column("actor_kind", "e.actor_kind")
                .column("client_address", "e.client_address")
                .column("target_type", "e.target_type")
                .column("target_id", "e.target_id")
                .column("target_name", "e.target_name")
                .column("outcome", "e.outcome")
                .column("details", "e.details::text")
                .from("from audit_event e where e.occurred_at >= :from and e.occurred_at < :to and e.action in " + LOG_ACCESS_ACTIONS
                        + " and (e.action <> 'audit.session_viewed' or e.target_name = any(:scope)) order by e.seq");
    }

    /** Every SIEM sink as it stands when the pack is generated; never the endpoint or its token. */
    static AppendixQuery siem() {
        return AppendixQuery.named("siem")
                .with("head as (select coalesce(max(seq), 0) as seq from audit_event)")
                .column("sink", "k.name")
                .column("format", "k.format")
                .column("transport", "k.transport")
                .column("enabled", "k.enabled")
                .column("cursor_seq", "k.cursor_seq")
                .column("chain_head_seq", "head.seq")
                .column("lag", "head.seq - k.cursor_seq")
                .column("delivered_count", "k.delivered_count")
                .column("consecutive_failures", "k.consecutive_failures")
                .column("last_error", "regexp_replace(k.last_error, '://[^/@\\s]+@', '://***@', 'g')")
                .column("last_attempt_at", "k.last_attempt_at")
                .column("last_delivered_at", "k.last_delivered_at")
                .from("from siem_sink k cross join head order by k.name");
    }
}
