package dev.gatehouse.datapath;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the audit store refuses the recorder's writes: fail-closed connections are refusing
 * work then, and an operator's first look (the health endpoint) should say why.
 */
@Readiness
@ApplicationScoped
public class AuditTrailReadinessCheck implements HealthCheck {

    @Inject
    DataPath dataPath;

    @Override
    public HealthCheckResponse call() {
        boolean accepting = dataPath.auditTrailAcceptingEvents();
        return HealthCheckResponse.named("audit-trail")
                .status(accepting)
                .withData("acceptingEvents", accepting)
                .withData("queuedEvents", dataPath.queuedRecordingEvents())
                .build();
    }
}
