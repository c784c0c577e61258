-- Short-lived opaque Gatehouse tokens, issued in exchange for a valid Keycloak token. Only the
-- SHA-256 of the token is stored: a database reader cannot replay a token.
create table gatehouse_token (
    id            uuid primary key,
    token_hash    char(64)     not null unique,
    subject       varchar(255) not null,
    username      varchar(255) not null,
    client_id     varchar(255),
    identity_kind varchar(10)  not null,
    roles         text         not null,
    groups_list   text         not null,
    source_jti    varchar(255),
    auth_time     timestamptz,
    issued_at     timestamptz  not null,
    expires_at    timestamptz  not null,
    revoked_at    timestamptz,
    revoked_by    varchar(255),
    purpose       varchar(255)
);

create index gatehouse_token_subject on gatehouse_token (subject, issued_at desc);
