/**
 * MySQL/MariaDB wire codec: packet framing (3-byte length, sequence id, 16 MiB continuation
 * packets), explicit state-machine decoders for both directions that report failures as
 * {@link dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation} results, and encoders
 * for the packets the gateway writes itself (docs/protocols/mysql.md).
 */
package dev.gatehouse.proxy.protocol.mysql.codec;
