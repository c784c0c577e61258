package dev.gatehouse.proxy.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks up a connection by the name a client put in its {@code user} field. Asynchronous because
 * the application reads it from its store; implementations cache, and must never complete on a
 * thread they block.
 */
public interface ConnectionCatalog {

    /** The connection, or empty when no connection has that name. */
    CompletionStage<Optional<Connection>> find(String name);
}
