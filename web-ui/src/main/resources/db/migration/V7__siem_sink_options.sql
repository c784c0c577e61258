-- SIEM export (docs/siem.md): a sink may trust a private CA instead of the JVM's trust store, for
-- syslog over TLS and for https endpoints. Public certificates only, never a key: the column is text.
alter table siem_sink add column tls_ca_certificate text
    check (tls_ca_certificate is null or tls_ca_certificate like '%-----BEGIN CERTIFICATE-----%');
