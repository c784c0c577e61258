/**
 * One small record (or final class) per PostgreSQL wire message. Regular-phase messages implement
 * {@link dev.gatehouse.proxy.protocol.postgres.message.FramedMessage}: they keep their original
 * frame for byte-exact forwarding and are reference counted; see that interface for who releases.
 */
package dev.gatehouse.proxy.protocol.postgres.message;
