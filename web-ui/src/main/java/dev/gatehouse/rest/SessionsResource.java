package dev.gatehouse.rest;

import dev.gatehouse.audit.LogAccessLog;
import dev.gatehouse.recording.SessionFilter;
import dev.gatehouse.recording.SessionHistory;
import dev.gatehouse.retention.LegalHolds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recorded data-path sessions, read-only but for their legal hold. Query parameters arrive as strings and are parsed by
 * {@link SessionQuery}, so a bad value is a 400 naming the parameter rather than a bare 404.
 */
@Path("/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
@Tag(name = "sessions", description = "Recorded data-path sessions and their statements (read-only), and their legal holds")
public class SessionsResource {

    @Inject
    SessionHistory history;

    @Inject
    LogAccessLog logAccess;

    @Inject
    LegalHolds holds;

    @GET
    @Operation(summary = "List sessions, newest first; 400 naming the parameter when a filter is malformed")
    public SessionPageView list(
            @Parameter(description = "Connection name, exactly") @QueryParam("connection") String connection,
            @Parameter(description = "Username, agent client id or IdP subject, exactly") @QueryParam("identity") String identity,
            @Parameter(description = "ISO-8601 instant: sessions still open at or after it") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant: sessions started before it") @QueryParam("to") String to,
            @Parameter(description = "true: only running sessions; false: only ended ones") @QueryParam("active") String active,
            @Parameter(description = "0-based page, default 0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500, default 50") @QueryParam("size") String size) {
        SessionFilter filter = SessionQuery.filter(connection, identity, from, to, active);
        int[] paging = SessionQuery.paging(page, size);
        return SessionPageView.of(history.sessions(filter, paging[0], paging[1]));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one session; 404 when unknown, 400 when the id is not a UUID")
    public SessionView get(@PathParam("id") String id) {
        SessionView session = SessionView.of(history.session(SessionQuery.sessionId(id)));
        logAccess.sessionViewed(session.id(), session.connection(), "api:session");
        return session;
    }

    @GET
    @Path("/{id}/statements")
    @Operation(summary = "A session's statements in sequence order, paged")
    public StatementPageView statements(@PathParam("id") String id,
            @Parameter(description = "0-based page, default 0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500, default 50") @QueryParam("size") String size) {
        var sessionId = SessionQuery.sessionId(id);
        int[] paging = SessionQuery.paging(page, size);
        StatementPageView statements = StatementPageView.of(history.statements(sessionId, paging[0], paging[1]));
        logAccess.sessionViewed(sessionId.toString(), null, "api:statements page " + paging[0]);
        return statements;
    }

    @PUT
    @Path("/{id}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a legal hold: retention purges nothing of the session (statements, payloads, audit details) until"
            + " released. The reason is required; holding a held session changes nothing. Admins and auditors")
    public SessionView hold(@PathParam("id") String id, LegalHoldRequest request) {
        UUID sessionId = SessionQuery.sessionId(id);
        holds.holdSession(sessionId, RequestChecks.requireBody(request).reason);
        return SessionView.of(history.session(sessionId));
    }

    @DELETE
    @Path("/{id}/legal-hold")
    @RequiresRole(RequiresRole.AUDITOR)
    @Operation(summary = "Release a session's legal hold (auditors only: releasing lets retention delete evidence); the reason is required")
    public SessionView release(@PathParam("id") String id,
            @Parameter(description = "Why the hold ends", required = true) @QueryParam("reason") String reason) {
        UUID sessionId = SessionQuery.sessionId(id);
        holds.releaseSession(sessionId, reason);
        return SessionView.of(history.session(sessionId));
    }
}
