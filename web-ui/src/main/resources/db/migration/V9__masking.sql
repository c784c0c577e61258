-- Issue 6: masking rules, the keys of deterministic tokens, and time-bound unmask grants
-- (docs/guides/masking.md). Rules are typed columns, like guardrail rules, so reviews can query
-- what is masked where and how.

-- A rule says what to mask (a catalog column, a column-name pattern or a content detector) and
-- how (redact, partial, tokenize, null, hash), on which connection ('*': every connection) and for
-- whom (roles and/or identities; both empty: everyone). The data path applies the enabled rules in
-- position order; the first rule that covers a value masks it.
create table masking_rule (
    id               uuid primary key,
    name             varchar(63)  not null unique,
    connection_name  varchar(63)  not null,
    position         integer      not null check (position >= 1),
    enabled          boolean      not null default true,
    identity_roles   text[]       not null default '{}',
    identity_names   text[]       not null default '{}',
    target_kind      varchar(16)  not null check (target_kind in ('column', 'column_name', 'detector')),
    target_schema    varchar(63),
    target_table     varchar(63),
    target_column    varchar(63),
    name_pattern     varchar(500),
    detector         varchar(63),
    custom_regex     varchar(1000),
    method           varchar(16)  not null check (method in ('redact', 'partial', 'tokenize', 'null', 'hash')),
    placeholder      varchar(100),
    keep_first       integer      check (keep_first >= 0),
    keep_last        integer      check (keep_last >= 0),
    mask_char        char(1),
    key_id           varchar(63),
    created_by       varchar(255) not null,
    created_at       timestamptz  not null,
    updated_by       varchar(255) not null,
    updated_at       timestamptz  not null,
    version          bigint       not null default 0,
    -- Each target kind carries exactly its own fields.
    constraint masking_rule_column_target check (target_kind <> 'column'
        or (target_schema is not null and target_table is not null and target_column is not null)),
    constraint masking_rule_name_target check (target_kind <> 'column_name' or name_pattern is not null),
    constraint masking_rule_detector_target check (target_kind <> 'detector' or detector is not null),
    constraint masking_rule_custom_detector check (detector is null or detector not like 'custom:%' or custom_regex is not null),
    constraint masking_rule_tokenize_key check (method <> 'tokenize' or key_id is not null)
);
create index masking_rule_position on masking_rule (position, name);

-- The HMAC keys of deterministic tokenization. The key material is sealed with the master key
-- (like connection secrets) and never leaves the gateway; a retired key is no longer handed to
-- the data path, and is only retired once no rule names it.
create table masking_token_key (
    key_id      varchar(63)  primary key,
    sealed_key  text         not null check (sealed_key like 'gh1:%'),
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    retired_by  varchar(255),
    retired_at  timestamptz
);

-- Unmask grants: an identity (by IdP subject or by username) sees the clear values of some rules
-- (or all, when rule_ids is empty) on a connection ('*': every connection), from starts_at until
-- ends_at, unless revoked before. Admins grant them today; the approvals workflow will issue them.
create table masking_exemption (
    id               uuid primary key,
    subject          varchar(255),
    username         varchar(255),
    connection_name  varchar(63)  not null,
    rule_ids         uuid[]       not null default '{}',
    reason           text         not null,
    starts_at        timestamptz  not null,
    ends_at          timestamptz  not null,
    granted_by       varchar(255) not null,
    granted_at       timestamptz  not null,
    revoked_by       varchar(255),
    revoked_at       timestamptz,
    constraint masking_exemption_who check (subject is not null or username is not null),
    constraint masking_exemption_period check (ends_at > starts_at),
    constraint masking_exemption_revocation check ((revoked_at is null) = (revoked_by is null))
);
-- The data path loads the grants that are not over yet.
create index masking_exemption_open on masking_exemption (ends_at) where revoked_at is null;

grant select, insert, update, delete on masking_rule, masking_token_key, masking_exemption to gatehouse_app;

-- Statement evidence: which masking rules fired on which columns, and how many values each masked,
-- as a JSON array of {ruleId, rule, column, values}; null when no rule fired. Never a value.
alter table data_statement add column masking text;
