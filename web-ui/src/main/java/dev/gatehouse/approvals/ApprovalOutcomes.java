package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.ProcessVariables;
import dev.gatehouse.workflow.RequestKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Turns what the engine decided into what the data path reads: an approved command review becomes
 * usable, an approved access request becomes a grant, a rejected or expired review is closed. It
 * runs inside the engine's transaction, so the store and Camunda never disagree.
 */
@ApplicationScoped
public class ApprovalOutcomes {

    @Inject
    StatementApprovals statements;

    @Inject
    AccessGrants accessGrants;

    @Inject
    UnmaskExemptions unmask;

    @Inject
    ApprovalEngine engine;

    void onEvent(@Observes ApprovalEvent event) {
        switch (event) {
            case ApprovalEvent.GrantIssued grant when grant.kind() == RequestKind.COMMAND_REVIEW ->
                    statements.approved(grant.requestId(), grant.validFrom(), grant.validUntil());
            case ApprovalEvent.GrantIssued grant when grant.kind() == RequestKind.ACCESS_REQUEST ->
                    accessGrants.issued(grant.requestId(), grant.requester(), grant.connection(), reasonOf(grant.requestId()),
                            grant.validFrom(), grant.validUntil());
            case ApprovalEvent.GrantIssued grant when grant.kind() == RequestKind.UNMASK_REQUEST ->
                    unmask.issue(grant.requestId(), grant.requester(), grant.connection(), maskingRules(grant.requestId()),
                            reasonOf(grant.requestId()), grant.validUntil());
            case ApprovalEvent.RequestClosed closed when closed.outcome() != Outcome.APPROVED ->
                    statements.closed(closed.requestId(), closed.outcome().name());
            default -> {
            }
        }
    }

    private List<String> maskingRules(String requestId) {
        Object rules = engine.engine().getRuntimeService().getVariable(requestId, ProcessVariables.MASKING_RULES);
        return rules == null || rules.toString().isEmpty() ? List.of() : List.of(rules.toString().split(","));
    }

    /** Read in the engine's running command: the request is still active while its grant is issued. */
    private String reasonOf(String requestId) {
        Object reason = engine.engine().getRuntimeService().getVariable(requestId, ProcessVariables.REASON);
        return reason == null ? "" : reason.toString();
    }
}
