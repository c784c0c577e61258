-- Issue 24: exceptions tracked per control from pack to pack, and management sign-offs of packs.

-- An exception an auditor or officer tracks: its cause, who owns the fix, by when, and where it stands.
-- Every pack lists the exceptions open at any time in its period (and those still open) under their control.
create table evidence_exception (
    id          uuid        primary key,
    control     text        not null check (control ~ '^C([1-9]|1[0-5])$'),
    cause       text        not null check (length(cause) between 1 and 2000),
    owner       text        not null check (length(owner) between 1 and 200),
    due_date    date        not null,
    status      text        not null check (status in ('open', 'remediating', 'closed', 'risk_accepted')),
    opened_by   text        not null,
    opened_at   timestamptz not null,
    updated_by  text,
    updated_at  timestamptz,
    resolution  text,
    closed_at   timestamptz
);
create index evidence_exception_control on evidence_exception (control, opened_at);

-- A management sign-off of a completed pack by a gatehouse-officer who did not generate it, bound to
-- the pack's manifest digest, so the signature is about exactly that pack.
create table evidence_signoff (
    id              uuid        primary key,
    pack_id         uuid        not null references evidence_pack (id),
    officer         text        not null,
    officer_name    text        not null check (length(officer_name) between 1 and 200),
    title           text        not null check (length(title) between 1 and 200),
    statement       text        not null check (length(statement) between 1 and 4000),
    pack_sha256     text        not null,
    signed_at       timestamptz not null,
    unique (pack_id, officer)
);
