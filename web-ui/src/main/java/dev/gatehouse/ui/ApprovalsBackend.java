package dev.gatehouse.ui;

import dev.gatehouse.approvals.ApprovalChains;
import dev.gatehouse.approvals.ApprovalWorkflow;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.workflow.ApprovalQueries;
import dev.gatehouse.workflow.ApprovalService;
import dev.gatehouse.workflow.Approver;
import dev.gatehouse.workflow.chain.ApprovalChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What the approval pages need from the workflow: the audited services of {@link ApprovalWorkflow},
 * the signed-in person as an {@link Approver}, and the chain a request from the UI runs through.
 */
@ApplicationScoped
public class ApprovalsBackend {

    @Inject
    ApprovalWorkflow workflow;

    @Inject
    ApprovalChains chains;

    public ProcessEngine engine() {
        return workflow.engine();
    }

    public ApprovalService service() {
        return workflow.service();
    }

    public ApprovalQueries queries() {
        return workflow.queries();
    }

    /** The chain for access and unmask requests on {@code connection}: the connection's, else the default one. */
    public ApprovalChain chainFor(String connection) {
        return chains.chainFor(null, connection);
    }

    /** Candidate groups name realm roles or group paths ("/platform/dba"), as the token carries both. */
    public static Approver approver(Identity identity) {
        Set<String> groups = new HashSet<>(identity.roles());
        groups.addAll(identity.groups());
        return new Approver(identity.displayName(), groups);
    }
}
