-- Issue 8, deliverable 5: retention and legal hold (docs/guides/retention.md).

-- Every purge run, including those that found nothing to purge or were skipped because another
-- node was purging, so "did retention run last night?" has an answer. A run that purged anything
-- also wrote a retention.purged audit event (audit_seq); this table is the operational log, the
-- chain is the evidence.
create table retention_run (
    id               uuid         primary key,
    triggered_via    varchar(16)  not null check (triggered_via in ('schedule', 'api', 'ui')),
    triggered_by     varchar(255) not null,
    started_at       timestamptz  not null,
    finished_at      timestamptz,
    outcome          varchar(16)  not null check (outcome in ('running', 'completed', 'failed', 'skipped', 'interrupted')),
    counts           jsonb        not null default '{}'::jsonb,
    held_connections text[]       not null default '{}',
    error            text,
    audit_seq        bigint
);
create index retention_run_started on retention_run (started_at desc);

-- Who placed a connection's legal hold and when, as data_session has for sessions.
alter table retention_policy
    add column legal_hold_by varchar(255),
    add column legal_hold_at timestamptz;

-- A statement's text cannot outlive its recording: deleting the recording deletes the text.
-- Keeping payload_days <= recording_days makes the configured payload period the real one.
alter table retention_policy add constraint retention_policy_recording_covers_payload check (recording_days >= payload_days);
-- The default row is a set of periods, not a connection: a hold belongs on a connection or a session.
alter table retention_policy add constraint retention_policy_default_never_held check (connection_name <> '*' or not legal_hold);

-- The purge's lookups. Audit rows are never deleted, so without these every batch would wade
-- through all the rows purged before; a partial index holds only what is still to be purged. The
-- two audit indexes are disjoint, so each audit insert adds one index entry, as does each statement.
create index audit_event_connection_details_kept on audit_event (target_name, occurred_at)
    where details is not null and target_type = 'connection';
create index audit_event_other_details_kept on audit_event (occurred_at)
    where details is not null and target_type <> 'connection';
create index data_statement_payload_kept on data_statement (started_at) where payload_purged_at is null;
-- The held sessions, in the form audit_purge_details matches them against an event's details.
create index data_session_held on data_session ((id::text)) where legal_hold;

-- V6's purge path, same signature, rights and behaviour, with one query per case: the planner can
-- only use the partial indexes above when it sees which case applies, and a CASE over the parameter
-- hides that from the plan PL/pgSQL caches. Oldest first, by time, which the indexes are sorted by.
create or replace function audit_purge_details(p_connection varchar, p_cutoff timestamptz, p_limit integer) returns bigint
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    purged bigint;
begin
    if p_connection is not null and exists (select 1 from retention_policy where connection_name = p_connection and legal_hold) then
        return 0;
    end if;
    perform set_config('gatehouse.audit_purge', 'on', true);
    if p_connection is null then
        update audit_event set details = null
         where id in (
            select e.id from audit_event e
             where e.seq is not null and e.details is not null and e.occurred_at < p_cutoff and e.target_type <> 'connection'
               and not exists (select 1 from data_session s where s.legal_hold and s.id::text = e.details ->> 'sessionId')
             order by e.occurred_at
             limit p_limit);
    else
        update audit_event set details = null
         where id in (
            select e.id from audit_event e
             where e.seq is not null and e.details is not null and e.occurred_at < p_cutoff
               and e.target_type = 'connection' and e.target_name = p_connection
               and not exists (select 1 from data_session s where s.legal_hold and s.id::text = e.details ->> 'sessionId')
             order by e.occurred_at
             limit p_limit);
    end if;
    get diagnostics purged = row_count;
    perform set_config('gatehouse.audit_purge', 'off', true);
    return purged;
end;
$$;
