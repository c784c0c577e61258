-- The catalog of protected targets. The secret column holds only AES-GCM ciphertext (gh1:<key id>:...).
create table connection (
    id                uuid primary key,
    name              varchar(63)  not null,
    type              varchar(20)  not null,
    host              varchar(255) not null,
    port              integer      not null check (port between 1 and 65535),
    database_name     varchar(63),
    username          varchar(63),
    secret_ciphertext text check (secret_ciphertext is null or secret_ciphertext like 'gh1:%'),
    tls_mode          varchar(20)  not null,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0,
    constraint connection_name_unique unique (name)
);

create table connection_label (
    connection_id uuid         not null references connection (id) on delete cascade,
    label_key     varchar(63)  not null,
    label_value   varchar(255) not null,
    primary key (connection_id, label_key)
);

create table connection_allowed_role (
    connection_id uuid         not null references connection (id) on delete cascade,
    role_name     varchar(128) not null,
    primary key (connection_id, role_name)
);
