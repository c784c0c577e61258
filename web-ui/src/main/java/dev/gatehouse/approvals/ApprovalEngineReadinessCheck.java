package dev.gatehouse.approvals;

import dev.gatehouse.workflow.RequestKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the approval engine answers and every approval process is deployed. */
@Readiness
@ApplicationScoped
public class ApprovalEngineReadinessCheck implements HealthCheck {

    @Inject
    ApprovalEngine approvals;

    @Override
    public HealthCheckResponse call() {
        ProcessEngine engine = approvals.engine();
        if (engine == null) {
            return HealthCheckResponse.named("approvals").down().withData("error", "engine not started").build();
        }
        try {
            long deployed = 0;
            for (RequestKind kind : RequestKind.values()) {
                deployed += engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(kind.processKey())
                        .latestVersion().count();
            }
            return HealthCheckResponse.named("approvals").status(deployed == RequestKind.values().length)
                    .withData("processes", deployed).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("approvals").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
