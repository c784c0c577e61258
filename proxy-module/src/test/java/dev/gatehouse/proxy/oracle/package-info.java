/**
 * A differential oracle, independent of the wire protocol: what the target executed in each
 * session, read from its own statement log, against what the gateway recorded as allowed and
 * denied for that session. A protocol supplies the corpus runner, the log reader and the
 * recogniser of its own stand-ins; {@code protocol.postgres.oracle} is the PostgreSQL one.
 */
package dev.gatehouse.proxy.oracle;
