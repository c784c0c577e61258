/**
 * The gateway as a client of a MySQL or MariaDB target: TLS per {@link dev.gatehouse.proxy.api.TlsMode},
 * the login with the stored secret (mysql_native_password, caching_sha2_password fast and full
 * authentication, MariaDB's client_ed25519, mysql_clear_password only over TLS), and a ready channel
 * for the session. The secret never reaches a log, an exception message or the client.
 */
package dev.gatehouse.proxy.protocol.mysql.upstream;
