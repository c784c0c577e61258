package dev.gatehouse.identity;

import dev.gatehouse.platform.GatehouseSettings;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityResolver;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Resolves Keycloak access tokens and Gatehouse tokens to identities, on a managed executor so that
 * JWKS fetches and token lookups never run on a caller's event loop. Tokens of disabled agents are
 * refused even while their signature and expiry are still fine.
 */
@ApplicationScoped
public class KeycloakIdentityResolver implements IdentityResolver {

    @Inject
    GatehouseSettings settings;

    @Inject
    GatehouseTokens gatehouseTokens;

    @Inject
    AgentStatusCache agentStatus;

    @Resource
    ManagedExecutorService executor;

    private volatile AccessTokenVerifier verifier;

    @Override
    public CompletionStage<Identity> resolve(String credential) {
        return CompletableFuture.supplyAsync(() -> resolveNow(credential), executor);
    }

    /** The same resolution on the calling thread, for request threads that may block. */
    public Identity resolveNow(String credential) {
        if (credential == null || credential.isBlank()) {
            throw new AuthenticationFailedException("missing_token", "no token was presented");
        }
        if (credential.length() > AccessTokenVerifier.MAX_TOKEN_CHARS) {
            throw new AuthenticationFailedException("oversized_token", "the token is larger than " + AccessTokenVerifier.MAX_TOKEN_CHARS + " characters");
        }
        Identity identity = credential.startsWith(GatehouseTokens.PREFIX)
                ? gatehouseTokens.resolve(credential)
                : IdentityClaims.from(verifier().verify(credential), "oidc-access-token");
        if (agentStatus.isDisabled(identity.clientId())) {
            throw new AuthenticationFailedException("agent_disabled", "the agent '" + identity.clientId() + "' is disabled");
        }
        return identity;
    }

    public static AuthenticationFailedException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof AuthenticationFailedException refused ? refused
                : new AuthenticationFailedException("invalid_token", "the token could not be checked", cause);
    }

    private AccessTokenVerifier verifier() {
        AccessTokenVerifier current = verifier;
        if (current == null) {
            String issuer = settings.issuer().orElseThrow(() -> new AuthenticationFailedException("idp_not_configured",
                    "no identity provider is configured (KEYCLOAK_URL)"));
            current = new AccessTokenVerifier(issuer, settings.audience(), settings.clockSkew());
            verifier = current;
        }
        return current;
    }
}
