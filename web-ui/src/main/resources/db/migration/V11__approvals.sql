-- Approvals (issue 7): what the data path needs from the workflow, in the store, so every gateway
-- node sees the same state and a single-use approval is consumed exactly once across nodes.

-- Approval chains by scope: a chain name that guardrail rules reference (rule.approval_chain),
-- 'connection:<name>' for a connection's own chain, or 'default'. The definition is the JSON that
-- ApprovalChain.parse accepts; the application refuses anything else before it is stored.
create table approval_chain (
    scope       varchar(200) primary key,
    definition  text         not null,
    updated_by  varchar(255) not null,
    updated_at  timestamptz  not null
);

-- One command review per row: opened when the data path asks for one, approved (with its window)
-- or closed when the process ends. used_at is set once, by the statement that consumes it, with
-- "update ... where used_at is null": two nodes cannot both run it.
create table statement_approval (
    request_id       varchar(64)  primary key,
    requester        varchar(255) not null,
    connection_name  varchar(63)  not null,
    statement_hash   char(64)     not null,
    statement        text         not null,
    rule_name        varchar(128) not null,
    status           varchar(16)  not null,
    created_at       timestamptz  not null,
    valid_from       timestamptz,
    valid_until      timestamptz,
    used_at          timestamptz,
    constraint statement_approval_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'))
);
-- At most one open review per statement, identity and connection.
create unique index statement_approval_one_open on statement_approval (requester, connection_name, statement_hash)
    where status = 'PENDING';
create index statement_approval_usable on statement_approval (requester, connection_name, statement_hash)
    where status = 'APPROVED' and used_at is null;

-- Just-in-time access grants issued by approved access requests; the data path caches the live ones.
create table access_grant (
    request_id       varchar(64)  primary key,
    requester        varchar(255) not null,
    connection_name  varchar(63)  not null,
    reason           text         not null,
    valid_from       timestamptz  not null,
    valid_until      timestamptz  not null,
    revoked_by       varchar(255),
    revoked_at       timestamptz,
    constraint access_grant_period check (valid_until > valid_from),
    constraint access_grant_revocation check ((revoked_at is null) = (revoked_by is null))
);
create index access_grant_open on access_grant (valid_until) where revoked_at is null;

-- A connection that requires just-in-time access: sessions need a live access grant.
alter table connection add column requires_jit boolean not null default false;

grant select, insert, update, delete on approval_chain, statement_approval, access_grant to gatehouse_app;
