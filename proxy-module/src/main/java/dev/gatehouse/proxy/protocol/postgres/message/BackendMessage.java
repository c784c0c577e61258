package dev.gatehouse.proxy.protocol.postgres.message;

/** Marker for everything the backend decoder emits for a server (backend) message. */
public interface BackendMessage {
}
