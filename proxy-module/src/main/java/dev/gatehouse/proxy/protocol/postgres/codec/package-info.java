/**
 * Netty codec for the PostgreSQL v3 wire protocol: {@link
 * dev.gatehouse.proxy.protocol.postgres.codec.PostgresFrontendDecoder} for client bytes, {@link
 * dev.gatehouse.proxy.protocol.postgres.codec.PostgresBackendDecoder} for server bytes and {@link
 * dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages} for messages the gateway writes
 * itself. Decoders report broken input as a {@code ProtocolViolation} result, never by throwing.
 */
package dev.gatehouse.proxy.protocol.postgres.codec;
