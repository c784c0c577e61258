package dev.gatehouse.identity.web;

import dev.gatehouse.identity.AccessTokenVerifier;
import dev.gatehouse.platform.GatehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keycloak's OIDC endpoints for the realm. Keycloak's paths are fixed below the issuer, so no
 * discovery round-trip is needed at start-up; the readiness check covers reachability.
 */
@ApplicationScoped
public class OidcProvider {

    @Inject
    GatehouseSettings settings;

    private volatile AccessTokenVerifier idTokens;

    String issuer() {
        return settings.issuer().orElseThrow(() -> new IllegalStateException("KEYCLOAK_URL is not set"));
    }

    String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    String endSessionEndpoint() {
        return issuer() + "/protocol/openid-connect/logout";
    }

    String clientId() {
        return settings.uiClientId();
    }

    String clientSecret() {
        return settings.uiClientSecret().orElseThrow(() -> new IllegalStateException("GATEHOUSE_OIDC_CLIENT_SECRET is not set"));
    }

    /** ID tokens are for the UI client itself, so their audience is the client id. */
    AccessTokenVerifier idTokenVerifier() {
        AccessTokenVerifier current = idTokens;
        if (current == null) {
            current = new AccessTokenVerifier(issuer(), clientId(), AccessTokenVerifier.ID_TOKEN, settings.clockSkew(),
                    AccessTokenVerifier.remoteKeys(issuer()));
            idTokens = current;
        }
        return current;
    }
}
