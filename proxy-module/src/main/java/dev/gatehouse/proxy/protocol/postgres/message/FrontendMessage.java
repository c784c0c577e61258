package dev.gatehouse.proxy.protocol.postgres.message;

/** Marker for everything the frontend decoder emits for a client (frontend) message. */
public interface FrontendMessage {
}
