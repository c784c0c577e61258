-- Append-only audit trail. Rows are inserted, never changed: the audit-chain work hashes them in id order.
create table audit_event (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz  not null,
    actor          varchar(255) not null,
    actor_kind     varchar(20)  not null,
    client_address varchar(64),
    action         varchar(64)  not null,
    target_type    varchar(32)  not null,
    target_id      varchar(64),
    target_name    varchar(255),
    outcome        varchar(16)  not null,
    details        jsonb        not null default '{}'::jsonb
);

create index audit_event_target on audit_event (target_type, target_id, id);
create index audit_event_occurred on audit_event (occurred_at);

-- Enforced in the database, not only in the application: even a bug or a stray SQL console
-- running as the application's role cannot rewrite history.
create function audit_event_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
