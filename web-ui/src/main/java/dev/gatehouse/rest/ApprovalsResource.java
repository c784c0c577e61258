package dev.gatehouse.rest;

import dev.gatehouse.approvals.AccessGrants;
import dev.gatehouse.approvals.ApprovalChains;
import dev.gatehouse.approvals.ApprovalRecords;
import dev.gatehouse.approvals.StatementReadings;
import dev.gatehouse.approvals.ApprovalWorkflow;
import dev.gatehouse.approvals.RequestCeilings;
import dev.gatehouse.approvals.UnmaskExemptions;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.ApprovalRequests;
import dev.gatehouse.workflow.ApprovalTask;
import dev.gatehouse.workflow.Approver;
import dev.gatehouse.workflow.Verdict;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/approvals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "approvals", description = "Approval requests: the approver inbox, my requests, decisions, access and unmask requests")
@RequiresRole({RequiresRole.ADMIN, RequiresRole.APPROVER, RequiresRole.AUDITOR, RequiresRole.USER})
public class ApprovalsResource {

    /** A claim or decision's body: {@code decision} is approve or reject; a rejection needs a comment. */
    public record DecisionRequest(String decision, String comment) {
    }

    /** @param kind access (default) or unmask; {@code duration} is ISO-8601, e.g. PT1H */
    public record AccessRequest(String kind, String connection, String reason, String duration, List<String> maskingRules) {
    }

    public record Created(String id, String kind, String url) {
    }

    @Inject
    ApprovalWorkflow workflow;

    @Inject
    RefusalAudit refusals;

    @Inject
    RequestCeilings ceilings;

    @Inject
    ApprovalRecords records;

    @Inject
    ApprovalChains chains;

    @Inject
    AccessGrants grants;

    @Inject
    UnmaskExemptions unmask;

    @Inject
    CurrentIdentity current;

    @Inject
    StatementReadings readings;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "pending: tasks I may decide now (default); mine: requests I made; decided: requests I decided on")
    public Object list(@Parameter(description = "pending, mine or decided") @QueryParam("view") String view) {
        Identity me = current.require();
        return switch (view == null || view.isBlank() ? "pending" : view) {
            case "pending" -> workflow.queries().inbox(approver(me)).stream().map(ApprovalsResource::taskView).toList();
            case "mine" -> records.madeBy(me.displayName(), 100);
            case "decided" -> records.decidedBy(me.displayName(), 100);
            default -> throw new ValidationFailedException(List.of(new FieldError("view", "must be pending, mine or decided")));
        };
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One request: what was asked, by whom, the steps so far with their actors and comments, and the time left")
    public ApprovalRecords.Request get(@PathParam("id") String id) {
        return records.find(id).orElseThrow(() -> new ApprovalException(ApprovalException.Reason.NO_SUCH_REQUEST,
                "there is no approval request " + id));
    }

    @POST
    @Operation(summary = "Request just-in-time access to a connection {connection, reason, duration}, or an unmask "
            + "{kind: unmask, connection, maskingRules, reason, duration}; 201 with the request id")
    public Response request(AccessRequest body, @Context UriInfo uri) {
        AccessRequest request = RequestChecks.requireBody(body);
        Identity me = current.require();
        String kind = request.kind() == null || request.kind().isBlank() ? "access" : request.kind().toLowerCase(Locale.ROOT);
        String id;
        try {
            Duration duration = duration(request.duration());
            if (kind.equals("access") || kind.equals("unmask")) {
                ceilings.check(actor.get(), kind, "duration", request.connection(), duration);
            }
            if (kind.equals("unmask")) {
                requireKnownRules(request.maskingRules());
            }
            id = switch (kind) {
                case "access" -> workflow.service().requestAccess(new ApprovalRequests.Access(me.displayName(), request.connection(),
                        request.reason(), duration, chains.chainFor(null, request.connection())));
                case "unmask" -> workflow.service().requestUnmask(new ApprovalRequests.Unmask(me.displayName(), request.connection(),
                        request.maskingRules() == null ? List.of() : request.maskingRules(), request.reason(), duration,
                        chains.chainFor(null, request.connection())));
                default -> throw new IllegalArgumentException("kind: must be access or unmask");
            };
        } catch (ApprovalException | ValidationFailedException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage());
        }
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .entity(new Created(id, kind, uri.getBaseUriBuilder().path("approvals").path(id).build().toString())).build();
    }

    @POST
    @Path("/{id}/claim")
    @Operation(summary = "Take one open task of the request's current step; 403 outside its groups or for your own request")
    public ApprovalRecords.Request claim(@PathParam("id") String id) {
        workflow.service().claim(id, person(id, "claim"));
        return get(id);
    }

    @POST
    @Path("/{id}/unclaim")
    @Operation(summary = "Give back the task you claimed")
    public ApprovalRecords.Request unclaim(@PathParam("id") String id) {
        workflow.service().unclaim(id, approver(current.require()));
        return get(id);
    }

    @POST
    @Path("/{id}/decision")
    // No role check here: the workflow refuses (and audits) anyone outside the step's groups.
    @Operation(summary = "Approve or reject {decision: approve|reject, comment}; a rejection needs a comment. 403 outside the step's "
            + "groups or for your own request (segregation of duties), 409 on a finished request")
    public ApprovalRecords.Request decide(@PathParam("id") String id, DecisionRequest body) {
        DecisionRequest decision = RequestChecks.requireBody(body);
        Verdict verdict = switch (decision.decision() == null ? "" : decision.decision().toLowerCase(Locale.ROOT)) {
            case "approve" -> Verdict.APPROVE;
            case "reject" -> Verdict.REJECT;
            default -> throw invalid("decision: must be approve or reject");
        };
        if (verdict == Verdict.APPROVE) {
            // What approvers read must be what runs: a statement the parser reads otherwise is never approved.
            records.find(id).map(ApprovalRecords.Request::statement).ifPresent(sql -> readings.requireFaithful(id, sql));
        }
        workflow.service().decide(id, person(id, "decide"), verdict, decision.comment());
        return get(id);
    }

    @POST
    @Path("/{id}/revoke")
    @RequiresRole(RequiresRole.ADMIN)
    @Operation(summary = "End a just-in-time access grant now; its holder's sessions on the connection end within a second")
    public Map<String, Object> revoke(@PathParam("id") String id) {
        if (!grants.revoke(id, actor.get())) {
            throw new ApprovalException(ApprovalException.Reason.REQUEST_FINISHED, "request " + id + " holds no live access grant");
        }
        return Map.of("id", id, "revoked", true);
    }

    private void requireKnownRules(List<String> names) {
        List<String> unknown = names == null ? List.of() : unmask.unknown(names);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("maskingRules: no masking rule is named " + String.join(", ", unknown));
        }
    }

    /**
     * Issue 17: people approve, machines don't. An agent is refused here whatever roles its token
     * carries, and the refusal is recorded (C6 evidence) in a transaction of its own.
     */
    private Approver person(String requestId, String attempt) {
        Identity who = current.require();
        if (who.kind() == IdentityKind.AGENT) {
            refusals.record(actor.get(), "approval.refused", "approval", requestId, null,
                    Map.of("reason", ApprovalException.Reason.SERVICE_ACCOUNT.name(), "attempt", attempt, "agent", who.displayName()));
            throw new ApprovalException(ApprovalException.Reason.SERVICE_ACCOUNT, "agents (service accounts) cannot " + attempt
                    + " approvals; a person in the step's group must do it");
        }
        return approver(who);
    }

    static Approver approver(Identity identity) {
        Set<String> groups = new HashSet<>(identity.roles());
        groups.addAll(identity.groups());
        return new Approver(identity.displayName(), groups);
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("duration: must be an ISO-8601 duration such as PT1H");
        }
    }

    private static ValidationFailedException invalid(String message) {
        int colon = message == null ? -1 : message.indexOf(':');
        return new ValidationFailedException(List.of(colon > 0
                ? new FieldError(message.substring(0, colon), message.substring(colon + 1).trim())
                : new FieldError("body", String.valueOf(message))));
    }

    private static Map<String, Object> taskView(ApprovalTask task) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("taskId", task.taskId());
        view.put("requestId", task.requestId());
        view.put("kind", String.valueOf(task.kind()));
        view.put("step", task.stepName());
        view.put("requester", task.requester());
        view.put("connection", task.connection());
        view.put("statement", task.statement());
        view.put("assignee", task.assignee());
        view.put("created", task.created().toString());
        view.values().removeIf(Objects::isNull);
        return view;
    }
}
