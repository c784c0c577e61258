package dev.gatehouse.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the configured Keycloak realm answers its OIDC discovery document. Until an IdP is
 * configured (KEYCLOAK_URL unset) the check reports that plainly instead of pretending to probe.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadinessCheck implements HealthCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    GatehouseSettings settings;

    @Override
    public HealthCheckResponse call() {
        if (settings.keycloakUrl().isEmpty()) {
            return HealthCheckResponse.named("identity-provider").up().withData("configured", false).build();
        }
        String discovery = settings.keycloakUrl().get().replaceAll("/+$", "") + "/realms/gatehouse/.well-known/openid-configuration";
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(discovery))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return HealthCheckResponse.named("identity-provider").status(response.statusCode() == 200)
                    .withData("configured", true).withData("status", response.statusCode()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("identity-provider").down().withData("error", "interrupted").build();
        } catch (java.io.IOException | RuntimeException e) {
            return HealthCheckResponse.named("identity-provider").down().withData("configured", true)
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
