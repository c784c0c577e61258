package dev.gatehouse.rest;

import dev.gatehouse.audit.siem.SiemSinks;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/audit/sinks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "audit-sinks", description = "SIEM export of the audit chain: NDJSON, OCSF, Splunk HEC and CEF over file, HTTP(S) and syslog"
        + " (docs/siem.md). Admins configure, auditors read the status.")
@RequiresRole(RequiresRole.ADMIN)
public class SiemSinksResource {

    @Inject
    SiemSinks sinks;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "List every sink with its delivery status, by name")
    public List<SiemSinkView> list() {
        long head = sinks.headSeq();
        return sinks.list().stream().map(sink -> SiemSinkView.of(sink, head)).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Read one sink and its delivery status")
    public SiemSinkView get(@PathParam("id") String id) {
        return SiemSinkView.of(sinks.get(RequestChecks.parseId(id, "sink")), sinks.headSeq());
    }

    @POST
    @Operation(summary = "Create a sink; it starts at the beginning of the chain unless startAt is now. 400 with field errors when invalid")
    public Response create(SiemSinkRequest request, @Context UriInfo uri) {
        SiemSinkView created = SiemSinkView.of(sinks.create(RequestChecks.requireBody(request).toDraft()), sinks.headSeq());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a sink's settings; omit token to keep the stored one. The cursor stays where it is")
    public SiemSinkView update(@PathParam("id") String id, SiemSinkRequest request) {
        return SiemSinkView.of(sinks.update(RequestChecks.parseId(id, "sink"), RequestChecks.requireBody(request).toDraft()), sinks.headSeq());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a sink")
    public Response delete(@PathParam("id") String id) {
        sinks.delete(RequestChecks.parseId(id, "sink"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send one synthetic event (seq 0, not part of the chain) now and report whether it was delivered")
    public SiemSinkTestView test(@PathParam("id") String id) {
        return SiemSinkTestView.of(sinks.test(RequestChecks.parseId(id, "sink")));
    }
}
