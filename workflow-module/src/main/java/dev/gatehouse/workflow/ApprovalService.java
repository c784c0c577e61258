package dev.gatehouse.workflow;

import dev.gatehouse.workflow.ApprovalException.Reason;
import dev.gatehouse.workflow.chain.ApprovalChain;
import dev.gatehouse.workflow.chain.ApprovalStep;
import dev.gatehouse.workflow.listener.SeparationOfDutiesViolation;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Starts approval requests and takes approvers' claims and decisions. Every refusal (request
 * finished, not a candidate, segregation of duties, claimed by someone else) is checked before
 * anything changes, reported as {@link ApprovalEvent.AttemptRefused}, and thrown as an
 * {@link ApprovalException}. The engine's task listeners check segregation of duties again, so
 * the rule holds even if this class is bypassed.
 */
public class ApprovalService {

    private final ProcessEngine engine;
    private final ApprovalEvents events;
    private final CandidateDirectory directory;

    public ApprovalService(ProcessEngine engine, ApprovalEvents events, CandidateDirectory directory) {
        this.engine = engine;
        this.events = events;
        this.directory = directory;
    }

    /** @return the request id, which the data path quotes in "approval required: <id>" */
    public String requestCommandReview(ApprovalRequests.CommandReview request) {
        Map<String, Object> variables = commonVariables(request.requester(), request.connection(), request.chain());
        variables.put(ProcessVariables.RULE, request.rule());
        variables.put(ProcessVariables.STATEMENT, request.statement());
        if (!request.parameters().isEmpty()) {
            variables.put(ProcessVariables.PARAMETERS, ProcessVariables.packParameters(request.parameters()));
        }
        variables.put(ProcessVariables.STATEMENT_HASH, request.statementHash());
        variables.put(ProcessVariables.VALID_FOR, request.approvalWindow().toString());
        return start(RequestKind.COMMAND_REVIEW, variables);
    }

    public String requestAccess(ApprovalRequests.Access request) {
        Map<String, Object> variables = commonVariables(request.requester(), request.connection(), request.chain());
        variables.put(ProcessVariables.REASON, request.reason());
        variables.put(ProcessVariables.VALID_FOR, request.duration().toString());
        return start(RequestKind.ACCESS_REQUEST, variables);
    }

    public String requestUnmask(ApprovalRequests.Unmask request) {
        Map<String, Object> variables = commonVariables(request.requester(), request.connection(), request.chain());
        variables.put(ProcessVariables.REASON, request.reason());
        variables.put(ProcessVariables.MASKING_RULES, String.join(",", request.maskingRules()));
        variables.put(ProcessVariables.VALID_FOR, request.duration().toString());
        return start(RequestKind.UNMASK_REQUEST, variables);
    }

    /** Takes one open task of the request's current step for {@code approver}; a second claim is a no-op. */
    public void claim(String requestId, Approver approver) {
        OpenRequest request = mayDecide(requestId, approver);
        if (request.heldBy(approver.userId()).isPresent()) {
            return;
        }
        Task task = request.unclaimed().orElseThrow(() -> refuse(requestId, approver, Reason.CLAIMED_BY_SOMEONE_ELSE,
                "every open task of this step is already claimed"));
        inEngine(requestId, approver, () -> engine.getTaskService().claim(task.getId(), approver.userId()));
    }

    public void unclaim(String requestId, Approver approver) {
        OpenRequest request = OpenRequest.load(engine, requestId);
        Task task = request.heldBy(approver.userId()).orElseThrow(() -> new ApprovalException(Reason.NOTHING_CLAIMED,
                approver.userId() + " holds no task of request " + requestId));
        engine.getTaskService().setAssignee(task.getId(), null);
        events.record(new ApprovalEvent.TaskUnclaimed(requestId, approver.userId(), now(), task.getId(),
                (String) engine.getTaskService().getVariable(task.getId(), ProcessVariables.STEP_NAME)));
    }

    /**
     * Decides the task {@code approver} holds on this request, or claims an open one and decides it,
     * in one transaction. A rejection needs a comment.
     */
    public void decide(String requestId, Approver approver, Verdict verdict, String comment) {
        if (verdict == null) {
            throw new IllegalArgumentException("decision: must be approve or reject");
        }
        if (verdict == Verdict.REJECT && (comment == null || comment.isBlank())) {
            throw new ApprovalException(Reason.COMMENT_REQUIRED, "a rejection needs a comment saying why");
        }
        OpenRequest request = mayDecide(requestId, approver);
        Task task = request.heldBy(approver.userId()).or(request::unclaimed).orElseThrow(() -> refuse(requestId, approver,
                Reason.CLAIMED_BY_SOMEONE_ELSE, "every open task of this step is claimed by someone else"));
        Map<String, Object> decision = new HashMap<>();
        decision.put(ProcessVariables.DECISION, verdict.name());
        decision.put(ProcessVariables.COMMENT, comment);
        inEngine(requestId, approver, () -> inOneTransaction(() -> {
            TaskService tasks = engine.getTaskService();
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), approver.userId());
            }
            tasks.setVariablesLocal(task.getId(), decision);
            tasks.complete(task.getId());
        }));
    }

    private OpenRequest mayDecide(String requestId, Approver approver) {
        OpenRequest request;
        try {
            request = OpenRequest.load(engine, requestId);
        } catch (ApprovalException e) {
            events.record(new ApprovalEvent.AttemptRefused(requestId, approver.userId(), now(), e.reason(), e.getMessage()));
            throw e;
        }
        if (!approver.isInAny(request.candidateGroups())) {
            throw refuse(requestId, approver, Reason.NOT_A_CANDIDATE, approver.userId()
                    + " is in none of the groups that decide this step (" + String.join(", ", request.candidateGroups()) + ")");
        }
        Optional<String> refusal = SeparationOfDuties.refusal(approver.userId(), request.requester(), request.deciders());
        if (refusal.isPresent()) {
            throw refuse(requestId, approver, Reason.SEPARATION_OF_DUTIES, refusal.get());
        }
        return request;
    }

    private String start(RequestKind kind, Map<String, Object> variables) {
        return engine.getRuntimeService().startProcessInstanceByKey(kind.processKey(), variables).getProcessInstanceId();
    }

    private Map<String, Object> commonVariables(String requester, String connection, ApprovalChain chain) {
        requireReachableQuorums(chain, requester);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.REQUESTER, requester);
        variables.put(ProcessVariables.CONNECTION, connection);
        variables.put(ProcessVariables.APPROVAL_CHAIN, chain.toJson());
        variables.put(ProcessVariables.CHAIN_STEP_COUNT, chain.steps().size());
        variables.put(ProcessVariables.EXPIRES_AFTER, chain.expiresAfter().toString());
        variables.put(ProcessVariables.REJECTED, false);
        variables.put(ProcessVariables.DECIDERS, "");
        return variables;
    }

    /**
     * Refuses a chain that could never be approved: a step whose quorum exceeds the people who
     * may decide it, the requester excluded. Only checked where the directory knows the groups.
     */
    private void requireReachableQuorums(ApprovalChain chain, String requester) {
        for (ApprovalStep step : chain.steps()) {
            Set<String> eligible = new HashSet<>();
            for (String group : step.candidateGroups()) {
                Optional<Set<String>> members = directory.members(group);
                if (members.isEmpty()) {
                    return;
                }
                eligible.addAll(members.get());
            }
            eligible.remove(requester);
            if (eligible.size() < step.quorum()) {
                throw new ApprovalException(Reason.MALFORMED_CHAIN, "step '" + step.name() + "' needs " + step.quorum()
                        + " approvals but only " + eligible.size() + " people other than the requester may decide it");
            }
        }
    }

    private ApprovalException refuse(String requestId, Approver approver, Reason reason, String message) {
        events.record(new ApprovalEvent.AttemptRefused(requestId, approver.userId(), now(), reason, message));
        return new ApprovalException(reason, message);
    }

    /** Runs an engine call, turning the task listeners' segregation-of-duties refusal into ours. */
    private void inEngine(String requestId, Approver approver, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SeparationOfDutiesViolation violation) {
                    // The listener has already reported the refusal.
                    throw new ApprovalException(Reason.SEPARATION_OF_DUTIES, violation.getMessage(), e);
                }
            }
            throw e;
        }
    }

    /** Claim, decision variables and completion commit together or not at all. */
    private void inOneTransaction(Runnable calls) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(commandContext -> {
                    calls.run();
                    return null;
                });
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
