package dev.gatehouse.workflow.process;

import static dev.gatehouse.workflow.testing.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.ApprovalQueries;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.ApprovalService;
import dev.gatehouse.workflow.CandidateDirectory;
import dev.gatehouse.workflow.Grant;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.RequestKind;
import dev.gatehouse.workflow.Verdict;
import dev.gatehouse.workflow.testing.Chains;
import dev.gatehouse.workflow.testing.WorkflowTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access and unmask requests: the same chain, and a time-bound grant at the end. */
class GrantRequestProcessTest {

    private static final Instant APPROVED_AT = Instant.parse("2026-03-02T10:30:00Z");

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(WorkflowTestEngine.get()).build();

    private final ProcessEngine engine = WorkflowTestEngine.get();
    private final ApprovalService approvals = new ApprovalService(engine, WorkflowTestEngine.EVENTS, CandidateDirectory.UNKNOWN);
    private final ApprovalQueries queries = new ApprovalQueries(engine);

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(APPROVED_AT.minus(Duration.ofMinutes(20))));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void anApprovedAccessRequestGrantsTheConnectionFromApprovalForTheRequestedDuration() {
        String id = approvals.requestAccess(new ApprovalRequests.Access("eve", "payments-prod", "INC-4711 failed settlement",
                Duration.ofHours(2), Chains.ONE_LEAD));
        ProcessInstance request = running(id);
        assertThat(request).hasProcessDefinitionKey(RequestKind.ACCESS_REQUEST.processKey()).isWaitingAt("decide");
        assertThat(queries.grant(id)).isEmpty();

        ClockUtil.setCurrentTime(Date.from(APPROVED_AT));
        approvals.decide(id, BOB, Verdict.APPROVE, null);

        assertThat(request).isEnded().hasPassed("issueGrant", "approved");
        Grant grant = queries.grant(id).orElseThrow();
        assertThat(grant.kind()).isEqualTo(RequestKind.ACCESS_REQUEST);
        assertThat(grant.requester()).isEqualTo("eve");
        assertThat(grant.connection()).isEqualTo("payments-prod");
        assertThat(grant.validFrom()).isEqualTo(APPROVED_AT);
        assertThat(grant.validUntil()).isEqualTo(APPROVED_AT.plus(Duration.ofHours(2)));
        assertThat(WorkflowTestEngine.EVENTS.of(id)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("RequestCreated", "TaskClaimed", "Decided", "GrantIssued", "RequestClosed");
    }

    @Test
    void anApprovedUnmaskRequestExemptsTheNamedMaskingRulesForTheRequestedDuration() {
        String id = approvals.requestUnmask(new ApprovalRequests.Unmask("eve", "payments-prod", List.of("card-numbers", "iban"),
                "chargeback investigation CB-19", Duration.ofMinutes(30), Chains.ONE_LEAD));
        ProcessInstance request = running(id);
        assertThat(request).hasProcessDefinitionKey(RequestKind.UNMASK_REQUEST.processKey());

        ClockUtil.setCurrentTime(Date.from(APPROVED_AT));
        approvals.decide(id, BOB, Verdict.APPROVE, null);

        Grant grant = queries.grant(id).orElseThrow();
        assertThat(grant.kind()).isEqualTo(RequestKind.UNMASK_REQUEST);
        assertThat(grant.maskingRules()).containsExactly("card-numbers", "iban");
        assertThat(grant.validUntil()).isEqualTo(APPROVED_AT.plus(Duration.ofMinutes(30)));
        assertThat(queries.outcome(id)).contains(Outcome.APPROVED);
        assertThat(WorkflowTestEngine.EVENTS.of(id, ApprovalEvent.RequestCreated.class)).singleElement()
                .satisfies(created -> assertThat(created.kind()).isEqualTo(RequestKind.UNMASK_REQUEST));
    }

    private ProcessInstance running(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }
}
