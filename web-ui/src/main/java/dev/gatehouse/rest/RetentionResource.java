package dev.gatehouse.rest;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.retention.LegalHolds;
import dev.gatehouse.retention.PurgeOutcome;
import dev.gatehouse.retention.PurgeRun;
import dev.gatehouse.retention.RetentionPeriods;
import dev.gatehouse.retention.RetentionPolicies;
import dev.gatehouse.retention.RetentionRuns;
import dev.gatehouse.retention.RetentionScheduler;
import dev.gatehouse.retention.RetentionSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Retention periods per connection, connection legal holds and the purge (docs/guides/retention.md).
 * Admins set periods and run the purge; auditors read everything, may place holds and are the only
 * ones who may release them (session holds are under /sessions/{id}/legal-hold).
 */
@Path("/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "retention", description = "How long payloads, recordings and audit details are kept per connection; legal holds on"
        + " connections; the purge and its runs")
@RequiresRole(RequiresRole.ADMIN)
public class RetentionResource {

    /** How long POST /purge waits for the run before answering 202 and letting it finish in the background. */
    private static final long WAIT_SECONDS = 60;

    @Inject
    RetentionPolicies policies;

    @Inject
    LegalHolds holds;

    @Inject
    RetentionRuns runs;

    @Inject
    RetentionScheduler scheduler;

    @Inject
    CurrentActor actor;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Every policy ('*' first), the purge schedule and the last run")
    public RetentionOverviewView overview() {
        RetentionSettings settings = RetentionSettings.fromEnvironment();
        List<PurgeRun> last = runs.latest(1);
        return new RetentionOverviewView(policies.list().stream().map(RetentionPolicyView::of).toList(),
                settings.purgeInterval().toSeconds(), settings.batchSize(), last.isEmpty() ? null : PurgeRunView.of(last.getFirst()));
    }

    @GET
    @Path("/policies")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Every policy: '*' (the default) first, then the connections with their own")
    public List<RetentionPolicyView> list() {
        return policies.list().stream().map(RetentionPolicyView::of).toList();
    }

    @GET
    @Path("/policies/{connection}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "The policy that applies to a connection: its own (source own) or the default (source default)")
    public RetentionPolicyView get(@PathParam("connection") String connection) {
        return RetentionPolicyView.applying(connection, policies.effective(connection));
    }

    @PUT
    @Path("/policies/{connection}")
    @Operation(summary = "Set a connection's days ('*' for the default); 400 naming the field when a value is out of range,"
            + " or when the name is neither in the catalog nor in the recordings")
    public RetentionPolicyView save(@PathParam("connection") String connection, RetentionPolicyRequest request) {
        RequestChecks.requireBody(request);
        RetentionPeriods periods = RetentionPeriods.of(request.payloadDays, request.recordingDays, request.auditDays);
        return RetentionPolicyView.of(policies.save(connection, periods));
    }

    @DELETE
    @Path("/policies/{connection}")
    @Operation(summary = "Drop a connection's own policy so the default applies; 400 for '*' or while the connection is under legal hold,"
            + " 404 when it has no policy of its own")
    public Response reset(@PathParam("connection") String connection) {
        policies.reset(connection);
        return Response.noContent().build();
    }

    @PUT
    @Path("/policies/{connection}/legal-hold")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Place a legal hold on a connection: nothing of it is purged until released. The reason is required;"
            + " holding a held connection changes nothing")
    public RetentionPolicyView hold(@PathParam("connection") String connection, LegalHoldRequest request) {
        return RetentionPolicyView.of(holds.holdConnection(connection, RequestChecks.requireBody(request).reason));
    }

    @DELETE
    @Path("/policies/{connection}/legal-hold")
    @RequiresRole(RequiresRole.AUDITOR)
    @Operation(summary = "Release a connection's legal hold (auditors only); the reason is required")
    public RetentionPolicyView release(@PathParam("connection") String connection,
            @Parameter(description = "Why the hold ends", required = true) @QueryParam("reason") String reason) {
        return RetentionPolicyView.applying(connection, holds.releaseConnection(connection, reason));
    }

    @GET
    @Path("/runs")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Purge runs, newest first, including skipped ones and those that purged nothing")
    public List<PurgeRunView> runs(@Parameter(description = "How many, 1 to 200, default 20") @QueryParam("limit") String limit) {
        return runs.latest(runLimit(limit)).stream().map(PurgeRunView::of).toList();
    }

    private static int runLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int parsed = Integer.parseInt(limit.trim());
            if (parsed >= 1 && parsed <= 200) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationFailedException(List.of(new FieldError("limit", "must be a whole number from 1 to 200")));
    }

    @POST
    @Path("/purge")
    @Operation(summary = "Run the purge now. 200 with the run when it ended within 60 s (completed or failed), 202 while it goes on"
            + " (see GET /retention/runs), 409 when another node or run is purging")
    public Response purge() {
        Future<PurgeRun> run = scheduler.runNow("api", actor.get());
        try {
            PurgeRun done = run.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (done.outcome() == PurgeOutcome.SKIPPED) {
                return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of("purge_in_progress", "Another node or run is purging now; this run was skipped.")).build();
            }
            return Response.ok(PurgeRunView.of(done)).build();
        } catch (TimeoutException stillRunning) {
            return Response.accepted(ApiError.of("purge_running", "The purge is still running; GET /api/v1/retention/runs shows it."))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the purge", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the purge could not run", e.getCause());
        }
    }
}
