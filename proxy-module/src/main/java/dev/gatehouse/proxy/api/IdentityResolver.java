package dev.gatehouse.proxy.api;

import java.util.concurrent.CompletionStage;

/**
 * Turns a presented credential (a Keycloak access token or a Gatehouse token) into an
 * {@link Identity}. Asynchronous because a lookup may need I/O (a JWKS refresh, the token store);
 * the data path must never wait for it on an event loop. Fails with {@link AuthenticationFailedException}.
 */
public interface IdentityResolver {

    CompletionStage<Identity> resolve(String credential);
}
