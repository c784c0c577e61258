-- Issue 8: the tamper-evident audit trail (docs/audit-chain.md, ADR 0012).

-- The application's runtime role. Migrations run as the configured store user (the owner); every
-- pooled connection then switches to gatehouse_app (glassfish-resources.xml, init-sql), which may
-- only INSERT and SELECT the audit tables. Roles are cluster-wide, so two databases migrating at
-- once may race to create it: the loser carries on.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'gatehouse_app') then
        begin
            create role gatehouse_app nologin;
        exception when duplicate_object or unique_violation then
            null;
        end;
    end if;
end
$$;
grant gatehouse_app to current_user;

-- The chain. Rows written before this migration stay unchained (seq is null) and the verifier
-- reports how many there are; the check constraint holds for every row written from now on.
alter table audit_event
    add column seq            bigint,
    add column prev_hash      varchar(64),
    add column hash           varchar(64),
    add column details_sha256 varchar(64),
    alter column details drop not null,
    alter column details drop default;
alter table audit_event add constraint audit_event_chained
    check (seq is not null and seq >= 1 and prev_hash is not null and hash is not null and details_sha256 is not null) not valid;
-- One row per seq: a second writer that read a stale head fails here instead of forking the chain.
create unique index audit_event_seq on audit_event (seq);

-- Still append-only, with one narrow exception: audit_purge_details (below) may set the details of
-- an aged event to null. Nothing else about the row may change, and the chain keeps verifying
-- because the link hashes details_sha256, not the details.
create or replace function audit_event_is_append_only() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('gatehouse.audit_purge', true) = 'on'
            and old.details is not null and new.details is null
            and (new.id, new.seq, new.occurred_at, new.actor, new.actor_kind, new.client_address, new.action, new.target_type,
                 new.target_id, new.target_name, new.outcome, new.prev_hash, new.hash, new.details_sha256)
                is not distinct from
                (old.id, old.seq, old.occurred_at, old.actor, old.actor_kind, old.client_address, old.action, old.target_type,
                 old.target_id, old.target_name, old.outcome, old.prev_hash, old.hash, old.details_sha256) then
        return new;
    end if;
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

-- Signed checkpoints (CloudTrail-digest style); also written to the external anchor.
create table audit_checkpoint (
    id             bigint generated always as identity primary key,
    seq            bigint      not null,
    hash           varchar(64) not null,
    signed_at      timestamptz not null,
    key_id         varchar(64) not null,
    prev_signature text        not null,
    signature      text        not null
);
create unique index audit_checkpoint_seq on audit_checkpoint (seq);

create function audit_checkpoint_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_checkpoint is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_checkpoint_no_update_or_delete before update or delete on audit_checkpoint
    for each row execute function audit_checkpoint_is_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_checkpoint_is_append_only();

-- Where each checkpoint was anchored outside the database (a directory, an object store).
create table audit_anchor_receipt (
    checkpoint_seq bigint      not null,
    anchor         varchar(32) not null,
    location       text        not null,
    stored_at      timestamptz not null,
    primary key (checkpoint_seq, anchor)
);

-- Ed25519 signing keys. The private key is sealed with the master key, like connection secrets.
create table audit_signing_key (
    key_id             varchar(64) primary key,
    algorithm          varchar(16) not null,
    public_key         text        not null,
    sealed_private_key text        not null check (sealed_private_key like 'gh1:%'),
    created_at         timestamptz not null,
    retired_at         timestamptz
);
create unique index audit_signing_key_one_active on audit_signing_key ((true)) where retired_at is null;

-- Payloads are hashed into the chain and kept here, where retention can drop them.
alter table data_statement alter column parameters drop default;
alter table data_statement alter column parameters type text using parameters::text;
alter table data_statement alter column parameters drop not null;
alter table data_statement alter column sql_text drop not null;
alter table data_statement add column payload_purged_at timestamptz;

alter table data_session
    add column legal_hold        boolean not null default false,
    add column legal_hold_reason text,
    add column legal_hold_by     varchar(255),
    add column legal_hold_at     timestamptz;

-- Retention per connection; the row named '*' applies to every connection without its own row and
-- to events that concern no connection.
create table retention_policy (
    connection_name   varchar(63) primary key,
    payload_days      integer     not null default 400 check (payload_days between 1 and 36500),
    recording_days    integer     not null default 400 check (recording_days between 1 and 36500),
    audit_days        integer     not null default 400 check (audit_days between 1 and 36500),
    legal_hold        boolean     not null default false,
    legal_hold_reason text,
    updated_by        varchar(255),
    updated_at        timestamptz
);
insert into retention_policy (connection_name, updated_by, updated_at) values ('*', 'gatehouse', now());

-- The narrow purge path: the only way to change an audit row. It runs as the owner, skips held
-- sessions and connections, and touches details only.
create function audit_purge_details(p_connection varchar, p_cutoff timestamptz, p_limit integer) returns bigint
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    purged bigint;
begin
    if p_connection is not null and exists (select 1 from retention_policy where connection_name = p_connection and legal_hold) then
        return 0;
    end if;
    perform set_config('gatehouse.audit_purge', 'on', true);
    update audit_event set details = null
     where id in (
        select e.id from audit_event e
         where e.seq is not null and e.details is not null and e.occurred_at < p_cutoff
           and (case when p_connection is null then e.target_type <> 'connection'
                     else e.target_type = 'connection' and e.target_name = p_connection end)
           and not exists (select 1 from data_session s where s.legal_hold and s.id::text = e.details ->> 'sessionId')
         order by e.id
         limit p_limit);
    get diagnostics purged = row_count;
    perform set_config('gatehouse.audit_purge', 'off', true);
    return purged;
end;
$$;
revoke all on function audit_purge_details(varchar, timestamptz, integer) from public;

-- SIEM sinks: each with its own persistent cursor (the last seq delivered).
create table siem_sink (
    id                   uuid primary key,
    name                 varchar(63)  not null unique,
    format               varchar(16)  not null check (format in ('ndjson', 'ocsf', 'hec', 'cef')),
    transport            varchar(16)  not null check (transport in ('file', 'http', 'tcp', 'tls')),
    endpoint             text         not null,
    sealed_token         text check (sealed_token is null or sealed_token like 'gh1:%'),
    enabled              boolean      not null default true,
    cursor_seq           bigint       not null default 0,
    delivered_count      bigint       not null default 0,
    consecutive_failures integer      not null default 0,
    last_error           text,
    last_attempt_at      timestamptz,
    last_delivered_at    timestamptz,
    created_by           varchar(255) not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

-- Fail-closed per connection: refuse statements while the audit store cannot take events.
alter table connection add column audit_fail_closed boolean not null default true;

-- What the runtime role may do.
grant usage on schema public to gatehouse_app;
grant select, insert, update, delete on all tables in schema public to gatehouse_app;
revoke update, delete, truncate on audit_event, audit_checkpoint, audit_anchor_receipt from gatehouse_app;
do $$
begin
    if to_regclass('flyway_schema_history') is not null then
        revoke all on flyway_schema_history from gatehouse_app;
    end if;
end
$$;
grant usage, select on all sequences in schema public to gatehouse_app;
grant execute on function audit_purge_details(varchar, timestamptz, integer) to gatehouse_app;
alter default privileges in schema public grant select, insert, update, delete on tables to gatehouse_app;
alter default privileges in schema public grant usage, select on sequences to gatehouse_app;
