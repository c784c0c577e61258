/**
 * PostgreSQL v3 data path of the gateway. This folder currently holds the codec only
 * ({@code codec}, {@code message}); no proxying, authentication or policy logic lives here yet.
 *
 * <p>The flow as the gateway will see it, sitting between the client and the real server. Each
 * arrow is one message; the gateway terminates the client's startup and authentication itself
 * and opens its own upstream session, so only the regular phase is relayed.
 *
 * <pre>
 *  client                          gateway                           server
 *    |  SSLRequest (untyped, 8 B)     |                                 |
 *    |-------------------------------&gt;|                                 |
 *    |  'S' or 'N' (1 byte, unframed) |                                 |
 *    |&lt;-------------------------------|                                 |
 *    |  [TLS handshake if 'S']        |                                 |
 *    |  StartupMessage (user, db,...) |                                 |
 *    |-------------------------------&gt;|                                 |
 *    |  AuthenticationCleartextPwd    |                                 |
 *    |&lt;-------------------------------|                                 |
 *    |  PasswordMessage (token)       |                                 |
 *    |-------------------------------&gt;|  (verify identity, policy)      |
 *    |                                |  StartupMessage (mapped user)   |
 *    |                                |--------------------------------&gt;|
 *    |                                |  AuthenticationSASL / MD5 / ... |
 *    |                                |&lt;--------------------------------|
 *    |                                |  ... auth exchange ...          |
 *    |                                |  AuthenticationOk, ParameterStatus*,
 *    |                                |  BackendKeyData, ReadyForQuery  |
 *    |                                |&lt;--------------------------------|
 *    |  AuthenticationOk,             |                                 |
 *    |  ParameterStatus*, BackendKeyData, ReadyForQuery('I')            |
 *    |&lt;-------------------------------|                                 |
 *    |  Query / Parse,Bind,Describe,Execute,Sync (raw frames relayed)   |
 *    |-------------------------------&gt;|--------------------------------&gt;|
 *    |  RowDescription, DataRow*, CommandComplete, ReadyForQuery        |
 *    |&lt;-------------------------------|&lt;--------------------------------|
 *    |  Terminate                     |  Terminate                      |
 *    |-------------------------------&gt;|--------------------------------&gt;|
 * </pre>
 *
 * <p>Any framing error in either direction surfaces as a {@code ProtocolViolation}; the gateway
 * answers the client with a FATAL ErrorResponse and closes.
 */
package dev.gatehouse.proxy.protocol.postgres;
