package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalQueries;
import dev.gatehouse.workflow.ApprovalService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * The approval workflow's services for the rest of the application (REST, pages, the data path),
 * on the running engine, with the audit trail as their event sink and Keycloak as the directory
 * that checks quorums.
 */
@ApplicationScoped
public class ApprovalWorkflow {

    @Inject
    ApprovalEngine approvalEngine;

    @Inject
    AuditedApprovalEvents events;

    @Inject
    KeycloakCandidateDirectory directory;

    private volatile ApprovalService service;
    private volatile ApprovalQueries queries;

    public ApprovalService service() {
        ApprovalService current = service;
        if (current == null) {
            current = new ApprovalService(engine(), events, directory);
            service = current;
        }
        return current;
    }

    public ApprovalQueries queries() {
        ApprovalQueries current = queries;
        if (current == null) {
            current = new ApprovalQueries(engine());
            queries = current;
        }
        return current;
    }

    /** For views the services do not cover (the admin's list of processes, history of a request). */
    public ProcessEngine engine() {
        ProcessEngine engine = approvalEngine.engine();
        if (engine == null) {
            throw new IllegalStateException("the approval engine is not running");
        }
        return engine;
    }
}
