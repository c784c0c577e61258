/**
 * One small record per MySQL/MariaDB packet the gateway decodes or writes. Every decoded message
 * keeps its complete original packets (headers included) as {@code raw()}, so an unchanged message
 * is forwarded without re-encoding; a message of several packets (a payload of 16 MiB or more) keeps
 * them all. Ownership is as on the PostgreSQL side: whoever receives a message releases it or
 * forwards its raw bytes. Decoded fields are copies. Secrets (auth responses, passwords) are
 * redacted in {@code toString()} and can be wiped.
 */
package dev.gatehouse.proxy.protocol.mysql.message;
