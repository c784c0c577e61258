package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvents;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.ApprovalService;
import dev.gatehouse.workflow.Approver;
import dev.gatehouse.workflow.CandidateDirectory;
import dev.gatehouse.workflow.Verdict;
import dev.gatehouse.workflow.chain.ApprovalChain;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Test-only servlet deployed with the application by {@link ApprovalEngineIT}: drives the engine
 * the application started, inside Payara and on its transactions, until the UI and REST for
 * approvals exist. Answers "PASSED <request id>" or the failure.
 */
@WebServlet("/it/approval-scenarios")
public class ApprovalScenariosServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final ApprovalChain ONE_LEAD = ApprovalChain.parse(
            "{\"expiresAfter\": \"PT8H\", \"steps\": [{\"name\": \"Team lead\", \"candidateGroups\": [\"leads\"]}]}");

    @Inject
    transient ApprovalEngine approvalEngine;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            if (!"approvedAccessRequest".equals(request.getParameter("scenario"))) {
                throw new AssertionError("unknown scenario " + request.getParameter("scenario"));
            }
            response.getWriter().write("PASSED " + approvedAccessRequest(request.getParameter("connection")));
        } catch (Exception | AssertionError e) {
            response.setStatus(500);
            response.getWriter().write("FAILED " + e);
        }
    }

    /** eve asks for an hour on the connection, bob (a lead) approves: one request, ended approved. */
    private String approvedAccessRequest(String connection) {
        ApprovalService approvals = new ApprovalService(approvalEngine.engine(), ApprovalEvents.NONE, CandidateDirectory.UNKNOWN);
        String requestId = approvals.requestAccess(
                new ApprovalRequests.Access("eve", connection, "integration test", Duration.ofHours(1), ONE_LEAD));
        approvals.decide(requestId, new Approver("bob", Set.of("leads")), Verdict.APPROVE, null);
        return requestId;
    }
}
