package dev.gatehouse.identity;

import dev.gatehouse.platform.GatehouseSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * One keycloak-admin-client for the application, logged in as the realm's {@code gatehouse-admin-bot}
 * service account (client credentials; it may manage clients and role mappings in this realm only).
 * Created lazily so that start-up does not depend on Keycloak answering.
 */
@ApplicationScoped
public class KeycloakAdminProducer {

    @Inject
    GatehouseSettings settings;

    private volatile Keycloak client;

    public RealmResource realm() {
        return keycloak().realm(settings.realm());
    }

    private Keycloak keycloak() {
        Keycloak current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = KeycloakBuilder.builder()
                            .serverUrl(settings.keycloakUrl().orElseThrow(() -> new IllegalStateException("KEYCLOAK_URL is not set")))
                            .realm(settings.realm())
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(settings.adminClientId())
                            .clientSecret(settings.adminClientSecret()
                                    .orElseThrow(() -> new IllegalStateException("GATEHOUSE_KEYCLOAK_ADMIN_CLIENT_SECRET is not set")))
                            .build();
                }
                current = client;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
