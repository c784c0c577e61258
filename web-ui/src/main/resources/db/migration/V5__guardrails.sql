-- Guardrail rules (issue 5). A rule belongs to one connection, or to every connection when
-- connection_id is null (global). The data path evaluates a connection's own enabled rules by
-- position, then the global ones by position; the first that matches decides.
-- Conditions are typed columns, not a blob of options, so reports and reviews can query them.
create table guardrail_rule (
    id                      uuid primary key,
    connection_id           uuid         references connection (id) on delete cascade,
    position                integer      not null check (position >= 1),
    name                    varchar(63)  not null,
    action                  varchar(20)  not null check (action in ('ALLOW', 'DENY', 'REQUIRE_APPROVAL', 'ALLOW_AND_ALERT')),
    enabled                 boolean      not null default true,
    statements              text[]       not null default '{}',
    except_statements       boolean      not null default false,
    table_patterns          text[]       not null default '{}',
    unbounded_writes_only   boolean      not null default false,
    functions               text[]       not null default '{}',
    server_side_copy        boolean      not null default false,
    identity_kinds          text[]       not null default '{}',
    identity_roles          text[]       not null default '{}',
    identity_client_ids     text[]       not null default '{}',
    window_days             text[]       not null default '{}',
    window_from             time,
    window_to               time,
    window_zone             varchar(64),
    window_outside          boolean      not null default false,
    message                 text,
    approval_chain          varchar(128),
    source_pack             varchar(63),
    created_by              varchar(255) not null,
    created_at              timestamptz  not null,
    updated_by              varchar(255) not null,
    updated_at              timestamptz  not null,
    version                 bigint       not null default 0,
    -- A window is all or nothing: start, end and zone together.
    constraint guardrail_rule_window check ((window_from is null) = (window_to is null) and (window_from is null) = (window_zone is null))
);

-- Names are unique per scope; the global scope is the null connection, which a plain unique
-- constraint would treat as distinct every time.
create unique index guardrail_rule_scope_name
    on guardrail_rule (coalesce(connection_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
create index guardrail_rule_scope_position on guardrail_rule (connection_id, position);

-- Per-connection guardrail settings. A row exists only once an admin changed a default.
create table guardrail_setting (
    connection_id      uuid primary key references connection (id) on delete cascade,
    allow_unparseable  boolean      not null default false,
    updated_by         varchar(255) not null,
    updated_at         timestamptz  not null
);

-- What guardrails decided about each recorded statement, and the rule that decided it (both null
-- when the connection had no guardrails).
alter table data_statement add column decision text;
alter table data_statement add column decision_rule text;
