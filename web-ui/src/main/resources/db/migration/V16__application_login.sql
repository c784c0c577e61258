-- Issue 17 (ADR 0019): the pool logs in as gatehouse_app itself instead of logging in as the schema
-- owner and switching with SET ROLE, which a RESET ROLE undoes. gatehouse_app owns nothing, is no
-- superuser, is not a member of the owner, and holds only INSERT and SELECT on the audit tables (V6).
-- Its password is set by the gateway at start (GATEHOUSE_DB_APP_PASSWORD) or by the DBA.
alter role gatehouse_app login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;

-- Belt and braces on what V6 granted: nothing that changes audit rows or their table.
revoke update, delete, truncate, trigger, references on audit_event, audit_checkpoint, audit_anchor_receipt from gatehouse_app;
