-- Issue 15 / ADR 0016: startup parameters a connection lets clients send beyond the harmless ones
-- (comma-separated, lower case; empty: none). "options" is one such name.
alter table connection add column allowed_startup_parameters varchar(1000) not null default '';
