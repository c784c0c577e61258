-- Per-connection requirement that clients reach the gateway over TLS (checked by the data path).
alter table connection add column require_client_tls boolean not null default false;

-- The query-friendly recording of data-path sessions. Unlike audit_event this is not append-only:
-- a session row is written when the session starts and updated once when it ends. Client-supplied
-- values (database, application name, reasons) are text so that no length can make a batch fail
-- and be retried forever. There is deliberately no foreign key to connection: recordings outlive
-- the connections they were made on.
create table data_session (
    id                uuid primary key,
    identity_subject  varchar(255) not null,
    username          varchar(255),
    client_id         varchar(255),
    identity_kind     varchar(10)  not null,
    auth_method       varchar(64),
    token_id          varchar(255),
    protocol          varchar(20)  not null,
    connection_name   text         not null,
    database_name     text,
    client_address    varchar(64),
    client_tls        boolean      not null,
    application_name  text,
    matched_rule      text,
    started_at        timestamptz  not null,
    ended_at          timestamptz,
    end_reason        text,
    bytes_from_client bigint       not null default 0,
    bytes_to_client   bigint       not null default 0,
    statement_count   bigint       not null default 0
);

-- The list filters: newest first overall, per connection, per person or agent, and active only.
create index data_session_started on data_session (started_at desc);
create index data_session_connection on data_session (connection_name, started_at desc);
create index data_session_username on data_session (username, started_at desc);
create index data_session_client on data_session (client_id, started_at desc);
create index data_session_active on data_session (started_at desc) where ended_at is null;

create table data_statement (
    session_id      uuid        not null references data_session (id),
    sequence        bigint      not null,
    started_at      timestamptz not null,
    ended_at        timestamptz,
    duration_micros bigint      not null,
    protocol_mode   varchar(16),
    sql_text        text        not null,
    parameters      jsonb       not null default '[]'::jsonb,
    command_tags    text,
    row_count       bigint      not null default 0,
    sql_state       varchar(5),
    error_message   text,
    primary key (session_id, sequence)
);
