package dev.gatehouse.ui;

import dev.gatehouse.agents.Agent;
import dev.gatehouse.agents.AgentRegistry;
import dev.gatehouse.approvals.StatementReadings;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ApprovalTask;
import dev.gatehouse.workflow.Approver;
import dev.gatehouse.workflow.Verdict;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Backs approvals.xhtml, the approver inbox: the decisions open to my groups, one request in
 * detail (approvals.xhtml?id=REQUEST-ID, the link the data path's error points to), claim,
 * unclaim, approve, and reject with a comment. The workflow decides who may do what; its
 * refusals are shown as they are worded.
 */
@Named
@ViewScoped
public class ApprovalsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ApprovalsPage.class.getName());

    @Inject
    transient ApprovalsBackend backend;

    @Inject
    transient RequestViews records;

    @Inject
    transient CurrentIdentity current;

    @Inject
    transient AgentRegistry agents;

    @Inject
    transient StatementReadings readings;

    private String id;
    private List<InboxRow> inbox = List.of();
    private ApprovalRequestView selected;
    private String comment;
    private Set<String> agentIds;
    /** The parser's reading of the open request's statement, made once per request (the text never changes). */
    private StatementReadings.Reading reading;
    private String readingOf;

    /** f:viewAction: the inbox, and the linked request if there is one. */
    public void open() {
        refresh();
        if (id != null && !id.isBlank() && selected == null) {
            Messages.error("No such request", "There is no approval request " + id + ".");
        }
    }

    /** Also what the poll calls: the inbox and the open request, as they are now. */
    public void refresh() {
        Approver me = ApprovalsBackend.approver(current.require());
        inbox = backend.queries().inbox(me).stream()
                .map(task -> new InboxRow(task, records.request(task.requestId()).orElse(null)))
                .filter(row -> row.request() != null)
                .toList();
        selected = id == null || id.isBlank() ? null : records.request(id).orElse(null);
    }

    public void claim() {
        act("Claimed", "Only you can decide it now; unclaim to hand it back.", () -> backend.service().claim(id, me()));
    }

    public void unclaim() {
        act("Unclaimed", "The step's groups can take it again.", () -> backend.service().unclaim(id, me()));
    }

    public void approve() {
        String statement = selected == null ? null : selected.statement();
        act("Approved", "Your approval of request " + id + " is recorded.", () -> {
            if (statement != null) {
                readings.requireFaithful(id, statement); // the same check as REST's, recorded when it refuses
            }
            backend.service().decide(id, me(), Verdict.APPROVE, blankToNull(comment));
        });
    }

    public void reject() {
        if (comment == null || comment.isBlank()) {
            Messages.field("decision:comment", "A rejection needs a comment saying why.");
            return;
        }
        act("Rejected", "Request " + id + " is rejected; later steps are not asked.",
                () -> backend.service().decide(id, me(), Verdict.REJECT, comment.strip()));
    }

    private void act(String done, String detail, Runnable change) {
        if (id == null || id.isBlank()) {
            Messages.error("No request selected", "Pick a request in the inbox first.");
            return;
        }
        try {
            change.run();
            Messages.info(done, detail);
            comment = null;
        } catch (ApprovalException refused) {
            Messages.error(refusalTitle(refused.reason()), refused.getMessage());
        } catch (IllegalArgumentException invalid) {
            Messages.error("Not accepted", invalid.getMessage());
        }
        refresh();
    }

    private static String refusalTitle(ApprovalException.Reason reason) {
        return switch (reason) {
            case SEPARATION_OF_DUTIES -> "Refused: segregation of duties";
            case NOT_A_CANDIDATE -> "Refused: not one of the step's approvers";
            case REQUEST_FINISHED -> "Refused: the request has ended";
            case CLAIMED_BY_SOMEONE_ELSE -> "Refused: claimed by someone else";
            case COMMENT_REQUIRED -> "A rejection needs a comment";
            case DISPLAY_DIFFERS -> "Cannot be approved: shown differently from how it runs";
            default -> "Refused";
        };
    }

    private Approver me() {
        return ApprovalsBackend.approver(current.require());
    }

    /** Whether the signed-in approver holds a task of the open request. */
    public boolean isClaimedByMe() {
        String user = current.require().displayName();
        return selected != null && selected.waiting().stream().anyMatch(w -> user.equals(w.assignee()));
    }

    /** Whether the open request is one I may decide now (it is in my inbox). */
    public boolean isDecidable() {
        return selected != null && inbox.stream().anyMatch(row -> row.task().requestId().equals(selected.id()));
    }

    public String getStatementHtml() {
        return selected == null ? "" : SqlHighlight.html(selected.statement());
    }

    /** Any text as the statement is shown: escaped, comments and invisible characters marked. */
    public String html(String text) {
        return SqlHighlight.html(text);
    }

    /** One bound value: its number and how it is shown. */
    public record ParameterLine(int index, String html) implements Serializable {
    }

    public List<ParameterLine> getParameterLines() {
        if (selected == null || selected.parameters() == null) {
            return List.of();
        }
        List<String> values = dev.gatehouse.workflow.ProcessVariables.unpackParameters(selected.parameters());
        List<ParameterLine> shown = new java.util.ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            shown.add(new ParameterLine(i + 1, SqlHighlight.html(values.get(i))));
        }
        return shown;
    }

    /** The parser's reading of the open statement, and whether it matches what is shown. */
    public StatementReadings.Reading getReading() {
        String statement = selected == null ? null : selected.statement();
        if (statement == null) {
            return new StatementReadings.Reading(List.of(), null);
        }
        if (reading == null || !statement.equals(readingOf)) {
            reading = readings.read(statement);
            readingOf = statement;
        }
        return reading;
    }

    public String timeLeft(ApprovalRequestView request) {
        return request == null ? "" : request.timeLeft(Instant.now());
    }

    /** "agent" for a registered agent's client id, "person" otherwise. */
    public String requesterKind(String requester) {
        if (agentIds == null) {
            try {
                agentIds = agents.list().stream().map(Agent::clientId).collect(Collectors.toSet());
            } catch (RuntimeException unavailable) {
                LOG.log(Level.FINE, "gatehouse: agents unknown for the inbox", unavailable);
                agentIds = Set.of();
            }
        }
        return agentIds.contains(requester) ? "agent" : "person";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public List<InboxRow> getInbox() {
        return inbox;
    }

    public ApprovalRequestView getSelected() {
        return selected;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    /** One open decision in the inbox, with its request. */
    public record InboxRow(ApprovalTask task, ApprovalRequestView request) implements Serializable {
    }
}
