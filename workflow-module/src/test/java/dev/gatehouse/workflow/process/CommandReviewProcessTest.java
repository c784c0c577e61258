package dev.gatehouse.workflow.process;

import static dev.gatehouse.workflow.testing.People.ANN;
import static dev.gatehouse.workflow.testing.People.BOB;
import static dev.gatehouse.workflow.testing.People.CAROL;
import static dev.gatehouse.workflow.testing.People.DAVE;
import static dev.gatehouse.workflow.testing.People.EVE;
import static dev.gatehouse.workflow.testing.People.FRANK;
import static dev.gatehouse.workflow.testing.People.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ApprovalException.Reason;
import dev.gatehouse.workflow.ApprovalQueries;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.ApprovalService;
import dev.gatehouse.workflow.ApprovalTask;
import dev.gatehouse.workflow.Approver;
import dev.gatehouse.workflow.CandidateDirectory;
import dev.gatehouse.workflow.Grant;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.RequestKind;
import dev.gatehouse.workflow.StatementFingerprint;
import dev.gatehouse.workflow.Verdict;
import dev.gatehouse.workflow.chain.ApprovalChain;
import dev.gatehouse.workflow.chain.EscalationAction;
import dev.gatehouse.workflow.testing.Chains;
import dev.gatehouse.workflow.testing.WorkflowTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command review process, driven through ApprovalService on the real engine and PostgreSQL. */
class CommandReviewProcessTest {

    private static final String STATEMENT = "UPDATE accounts SET limit = $1 WHERE id = $2";
    private static final List<String> PARAMETERS = List.of("5000", "42");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(WorkflowTestEngine.get()).build();

    private final ProcessEngine engine = WorkflowTestEngine.get();
    private final ApprovalService approvals = new ApprovalService(engine, WorkflowTestEngine.EVENTS, CandidateDirectory.UNKNOWN);
    private final ApprovalQueries queries = new ApprovalQueries(engine);

    @BeforeEach
    void startTheClock() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(START));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void twoStepChainWithAQuorumOfTwoIssuesASingleUseApprovalBoundToTheStatement() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        assertThat(request).isWaitingAt("decide");

        approvals.decide(request.getId(), BOB, Verdict.APPROVE, null);
        assertThat(request).isWaitingAt("decide");
        List<Task> dbaTasks = openTasks(request);
        assertThat(dbaTasks).hasSize(2);
        assertThat(candidateGroups(dbaTasks.get(0))).containsExactly("dba");

        approvals.decide(request.getId(), CAROL, Verdict.APPROVE, "checked the ticket");
        assertThat(request).isWaitingAt("decide");
        assertThat(openTasks(request)).hasSize(1);

        approvals.decide(request.getId(), DAVE, Verdict.APPROVE, null);
        assertThat(request).isEnded().hasPassed("issueGrant", "approved").hasNotPassed("recordRejection", "recordExpiry");

        Grant grant = queries.grant(request.getId()).orElseThrow();
        assertThat(grant.kind()).isEqualTo(RequestKind.COMMAND_REVIEW);
        assertThat(grant.requester()).isEqualTo("eve");
        assertThat(grant.connection()).isEqualTo("payments-prod");
        assertThat(grant.statementHash()).isEqualTo(StatementFingerprint.of(STATEMENT, PARAMETERS));
        assertThat(grant.validFrom()).isEqualTo(START);
        assertThat(grant.validUntil()).isEqualTo(START.plus(WINDOW));
        assertThat(queries.outcome(request.getId())).contains(Outcome.APPROVED);

        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Decided.class))
                .extracting(ApprovalEvent.Decided::actor, ApprovalEvent.Decided::step)
                .containsExactly(tuple("bob", "Team lead"), tuple("carol", "DBA"), tuple("dave", "DBA"));
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.GrantIssued.class)).singleElement()
                .satisfies(issued -> assertThat(issued.validUntil()).isEqualTo(START.plus(WINDOW)));
    }

    @Test
    void aRejectionAtStepOneRejectsTheRequestWithoutAskingStepTwo() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);

        approvals.decide(request.getId(), BOB, Verdict.REJECT, "not during month-end close");

        assertThat(request).isEnded().hasPassed("recordRejection", "rejected").hasNotPassed("issueGrant");
        assertThat(queries.outcome(request.getId())).contains(Outcome.REJECTED);
        assertThat(queries.grant(request.getId())).isEmpty();
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Decided.class)).singleElement()
                .satisfies(decided -> {
                    assertThat(decided.verdict()).isEqualTo(Verdict.REJECT);
                    assertThat(decided.comment()).isEqualTo("not during month-end close");
                });
    }

    @Test
    void aRejectionWithoutACommentIsRefusedAndChangesNothing() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);

        assertRefused(() -> approvals.decide(request.getId(), BOB, Verdict.REJECT, "  "), Reason.COMMENT_REQUIRED);

        assertThat(request).isWaitingAt("decide");
        assertThat(openTasks(request)).singleElement().satisfies(task -> assertThat(task.getAssignee()).isNull());
    }

    @Test
    void theEscalationTimerRemindsTheStepsGroupAndLeavesTheTaskWhereItIs() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.claim(request.getId(), BOB);

        assertThat(escalationTimer(request).getDuedate().toInstant()).isEqualTo(START.plus(Duration.ofHours(1)));
        fire(escalationTimer(request), START.plus(Duration.ofMinutes(61)));

        assertThat(request).isWaitingAt("decide").hasPassed("escalate");
        assertThat(openTasks(request)).singleElement().satisfies(task -> {
            assertThat(task.getAssignee()).isEqualTo("bob");
            assertThat(candidateGroups(task)).containsExactly("leads");
        });
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Escalated.class)).singleElement()
                .satisfies(escalated -> {
                    assertThat(escalated.action()).isEqualTo(EscalationAction.REMIND);
                    assertThat(escalated.group()).isEqualTo("leads");
                    assertThat(escalated.step()).isEqualTo("Team lead");
                });
    }

    @Test
    void theEscalationTimerReassignsTheStepToTheOnCallGroup() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.decide(request.getId(), BOB, Verdict.APPROVE, null);
        approvals.claim(request.getId(), CAROL);

        fire(escalationTimer(request), START.plus(Duration.ofHours(2)).plusSeconds(60));

        assertThat(openTasks(request)).hasSize(2).allSatisfy(task -> {
            assertThat(candidateGroups(task)).containsExactly("dba-oncall");
            assertThat(task.getAssignee()).isNull();
        });
        assertRefused(() -> approvals.decide(request.getId(), CAROL, Verdict.APPROVE, null), Reason.NOT_A_CANDIDATE);
        approvals.decide(request.getId(), FRANK, Verdict.APPROVE, null);
        assertThat(openTasks(request)).hasSize(1);
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Escalated.class)).singleElement()
                .satisfies(escalated -> assertThat(escalated.action()).isEqualTo(EscalationAction.REASSIGN));
    }

    @Test
    void theOverallExpiryRejectsARequestNobodyDecided() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.decide(request.getId(), BOB, Verdict.APPROVE, null);

        Job expiry = engine.getManagementService().createJobQuery().processInstanceId(request.getId()).timers()
                .activityId("chainExpired").singleResult();
        assertThat(expiry.getDuedate().toInstant()).isEqualTo(START.plus(Duration.ofHours(24)));
        fire(expiry, START.plus(Duration.ofHours(24)).plusSeconds(1));

        assertThat(request).isEnded().hasPassed("recordExpiry", "expired").hasNotPassed("issueGrant", "recordRejection");
        assertThat(queries.outcome(request.getId())).contains(Outcome.EXPIRED);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).count()).isZero();
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestEvenAsACandidate() {
        ProcessInstance request = requestReview(Chains.ONE_LEAD);

        assertRefused(() -> approvals.decide(request.getId(), EVE, Verdict.APPROVE, null), Reason.SEPARATION_OF_DUTIES);
        assertRefused(() -> approvals.claim(request.getId(), EVE), Reason.SEPARATION_OF_DUTIES);

        assertThat(request).isWaitingAt("decide");
        assertThat(openTasks(request)).singleElement().satisfies(task -> assertThat(task.getAssignee()).isNull());
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Decided.class)).isEmpty();
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.AttemptRefused.class))
                .hasSize(2).allSatisfy(refused -> {
                    assertThat(refused.actor()).isEqualTo("eve");
                    assertThat(refused.reason()).isEqualTo(Reason.SEPARATION_OF_DUTIES);
                });
        assertThat(inboxOf(EVE, request)).isEmpty();
        assertThat(inboxOf(BOB, request)).hasSize(1);
    }

    @Test
    void onePersonApprovesAtMostOneStepOfARequest() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.decide(request.getId(), ANN, Verdict.APPROVE, null);
        assertThat(inboxOf(ANN, request)).isEmpty();

        assertRefused(() -> approvals.decide(request.getId(), ANN, Verdict.APPROVE, null), Reason.SEPARATION_OF_DUTIES);

        assertThat(openTasks(request)).hasSize(2).allSatisfy(task -> assertThat(task.getAssignee()).isNull());
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.Decided.class)).hasSize(1);
    }

    @Test
    void aDecisionBySomeoneOutsideTheCandidateGroupsIsRefused() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);

        assertRefused(() -> approvals.decide(request.getId(), MALLORY, Verdict.APPROVE, null), Reason.NOT_A_CANDIDATE);
        assertRefused(() -> approvals.decide(request.getId(), CAROL, Verdict.APPROVE, null), Reason.NOT_A_CANDIDATE);

        assertThat(request).isWaitingAt("decide");
        assertThat(openTasks(request)).singleElement().satisfies(task -> assertThat(task.getAssignee()).isNull());
        assertThat(inboxOf(MALLORY, request)).isEmpty();
    }

    @Test
    void aTaskClaimedBySomeoneElseCannotBeDecided() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.claim(request.getId(), BOB);

        assertRefused(() -> approvals.decide(request.getId(), ANN, Verdict.APPROVE, null), Reason.CLAIMED_BY_SOMEONE_ELSE);
        assertThat(inboxOf(BOB, request)).singleElement().satisfies(task -> assertThat(task.assignee()).isEqualTo("bob"));
        assertThat(inboxOf(ANN, request)).isEmpty();

        approvals.unclaim(request.getId(), BOB);
        approvals.decide(request.getId(), ANN, Verdict.APPROVE, null);
        assertThat(WorkflowTestEngine.EVENTS.of(request.getId(), ApprovalEvent.TaskUnclaimed.class)).singleElement()
                .satisfies(unclaimed -> assertThat(unclaimed.actor()).isEqualTo("bob"));
    }

    @Test
    void aDecisionOnAFinishedRequestIsRefused() {
        ProcessInstance request = requestReview(Chains.LEAD_THEN_TWO_DBAS);
        approvals.decide(request.getId(), BOB, Verdict.REJECT, "no");

        assertThatThrownBy(() -> approvals.decide(request.getId(), ANN, Verdict.APPROVE, null))
                .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REQUEST_FINISHED))
                .hasMessageContaining("rejected");
        assertThat(queries.outcome(request.getId())).contains(Outcome.REJECTED);
        assertRefused(() -> approvals.decide("no-such-request", BOB, Verdict.APPROVE, null), Reason.NO_SUCH_REQUEST);
    }

    @Test
    void aChainWhoseQuorumCannotBeMetIsRefusedBeforeAnythingStarts() {
        CandidateDirectory directory = group -> Optional.of(switch (group) {
            case "leads" -> Set.of("bob", "eve");
            case "dba" -> Set.of("carol", "eve");
            default -> Set.<String>of();
        });
        ApprovalService strict = new ApprovalService(engine, WorkflowTestEngine.EVENTS, directory);
        long before = engine.getRuntimeService().createProcessInstanceQuery().count();

        assertThatThrownBy(() -> strict.requestCommandReview(review(Chains.LEAD_THEN_TWO_DBAS)))
                .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_CHAIN))
                .hasMessageContaining("step 'DBA' needs 2 approvals but only 1");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    }

    private ProcessInstance requestReview(ApprovalChain chain) {
        String id = approvals.requestCommandReview(review(chain));
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private static ApprovalRequests.CommandReview review(ApprovalChain chain) {
        return new ApprovalRequests.CommandReview("eve", "payments-prod", "limits-need-approval", STATEMENT, PARAMETERS, WINDOW, chain);
    }

    private List<Task> openTasks(ProcessInstance request) {
        return engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).list();
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).map(IdentityLink::getGroupId).toList();
    }

    private List<ApprovalTask> inboxOf(Approver approver, ProcessInstance request) {
        return queries.inbox(approver).stream().filter(task -> task.requestId().equals(request.getId())).toList();
    }

    private Job escalationTimer(ProcessInstance request) {
        return engine.getManagementService().createJobQuery().processInstanceId(request.getId()).timers()
                .activityId("escalationDue").singleResult();
    }

    private void fire(Job timer, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        engine.getManagementService().executeJob(timer.getId());
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
