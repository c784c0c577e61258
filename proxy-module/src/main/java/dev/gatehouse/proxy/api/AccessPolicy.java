package dev.gatehouse.proxy.api;

/**
 * Least-privilege check: may an identity open sessions on a connection? Implementations are pure
 * and fast (no I/O), so the data path may call them on its event loop.
 */
public interface AccessPolicy {

    AccessDecision decide(Identity identity, Connection connection);
}
