/**
 * The gateway's side of the hop to a PostgreSQL target: {@link
 * dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector} opens an authenticated
 * session and hands it over as an {@link dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink};
 * {@link dev.gatehouse.proxy.protocol.postgres.upstream.PostgresCancelSender} forwards cancels.
 *
 * <pre>
 *  gateway                                             target
 *    |  SSLRequest            (unless sslmode disable)    |
 *    |---------------------------------------------------&gt;|
 *    |  'S' / 'N'             (one unframed byte, alone)  |
 *    |&lt;---------------------------------------------------|
 *    |  [TLS handshake; verify-ca: chain, verify-full: chain + host]
 *    |  StartupMessage (user, database, client's params)  |
 *    |---------------------------------------------------&gt;|
 *    |  AuthenticationCleartext / MD5 / SASL ...          |
 *    |&lt;---------------------------------------------------|
 *    |  PasswordMessage / SASLInitialResponse, SASLResponse
 *    |---------------------------------------------------&gt;|
 *    |  [SASLFinal: server signature verified]            |
 *    |  AuthenticationOk, ParameterStatus*, BackendKeyData, ReadyForQuery
 *    |&lt;---------------------------------------------------|
 *    |  hand-over: pipeline [SslHandler] -&gt; decoder, autoRead off
 * </pre>
 *
 * <p>The password never appears in a log, an exception or a {@code toString}; copies are wiped
 * when the handshake ends.
 */
package dev.gatehouse.proxy.protocol.postgres.upstream;
