-- Issue 9: FFIEC evidence packs and periodic access reviews (docs/evidence.md).

-- One row per evidence pack: the scope an auditor chose, the background job's progress, and, once
-- it finished, where the zip is and its SHA-256 (the history the Evidence page shows).
create table evidence_pack (
    id              uuid         primary key,
    requested_by    varchar(255) not null,
    requested_at    timestamptz  not null,
    period_from     timestamptz  not null,
    period_to       timestamptz  not null,
    connections     text[]       not null default '{}',
    labels          text[]       not null default '{}',
    controls        text[]       not null default '{}',
    status          varchar(16)  not null check (status in ('queued', 'running', 'completed', 'failed')),
    progress        integer      not null default 0 check (progress between 0 and 100),
    stage           varchar(200),
    started_at      timestamptz,
    finished_at     timestamptz,
    file_name       varchar(255),
    size_bytes      bigint,
    sha256          char(64),
    statements      bigint,
    error           text,
    constraint evidence_pack_period check (period_to > period_from)
);
create index evidence_pack_requested on evidence_pack (requested_at desc);

-- A periodic access review: one campaign lists every identity's access per connection in scope;
-- owners confirm or revoke each item, and an independent sign-off closes it (control C4).
create table access_review_campaign (
    id           uuid         primary key,
    name         varchar(200) not null,
    connections  text[]       not null default '{}',
    created_by   varchar(255) not null,
    created_at   timestamptz  not null,
    due_at       timestamptz,
    status       varchar(16)  not null check (status in ('open', 'closed')),
    closed_by    varchar(255),
    closed_at    timestamptz,
    sign_off     text,
    constraint access_review_closed check ((status = 'closed') = (closed_at is not null))
);

-- One identity's access to one connection, as the campaign found it, and the owner's decision.
-- access_via says how the access exists: 'role:<name>', 'jit:<request id>' or 'unmask:<exemption id>'.
create table access_review_item (
    id              uuid         primary key,
    campaign_id     uuid         not null references access_review_campaign (id),
    identity_name   varchar(255) not null,
    identity_kind   varchar(10)  not null,
    connection_name varchar(63)  not null,
    access_via      varchar(255) not null,
    last_used_at    timestamptz,
    decision        varchar(16)  not null default 'pending' check (decision in ('pending', 'confirmed', 'revoked')),
    decided_by      varchar(255),
    decided_at      timestamptz,
    comment         text,
    constraint access_review_item_decided check ((decision = 'pending') = (decided_at is null)),
    unique (campaign_id, identity_name, connection_name, access_via)
);
create index access_review_item_campaign on access_review_item (campaign_id);

-- Access an access review revoked: the data path refuses the identity on the connection until an
-- admin lifts the revocation (both recorded in the audit trail).
create table access_revocation (
    id              uuid         primary key,
    identity_name   varchar(255) not null,
    connection_name varchar(63)  not null,
    item_id         uuid         references access_review_item (id),
    reason          text         not null,
    revoked_by      varchar(255) not null,
    revoked_at      timestamptz  not null,
    lifted_by       varchar(255),
    lifted_at       timestamptz,
    constraint access_revocation_lifted check ((lifted_at is null) = (lifted_by is null))
);
create unique index access_revocation_one_live on access_revocation (identity_name, connection_name) where lifted_at is null;

grant select, insert, update on evidence_pack, access_review_campaign, access_review_item, access_revocation to gatehouse_app;
