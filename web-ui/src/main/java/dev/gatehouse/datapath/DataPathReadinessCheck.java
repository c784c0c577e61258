package dev.gatehouse.datapath;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the PostgreSQL listener is bound; reports its load so operators see it in one place. */
@Readiness
@ApplicationScoped
public class DataPathReadinessCheck implements HealthCheck {

    @Inject
    DataPath dataPath;

    @Override
    public HealthCheckResponse call() {
        return dataPath.postgresAddress()
                .map(address -> HealthCheckResponse.named("postgres-listener").up()
                        .withData("port", address.getPort())
                        .withData("openConnections", dataPath.openPostgresConnections())
                        .withData("queuedRecordingEvents", dataPath.queuedRecordingEvents())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("postgres-listener").up().withData("port", "off").build());
    }
}
