package dev.gatehouse.rest;

import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "connections", description = "The catalog of protected target systems")
@RequiresRole(RequiresRole.ADMIN)
public class ConnectionsResource {

    @Inject
    ConnectionCatalog catalog;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "List every connection, by name")
    public List<ConnectionView> list() {
        return catalog.list().stream().map(ConnectionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Read one connection")
    public ConnectionView get(@PathParam("id") String id) {
        return ConnectionView.of(catalog.get(RequestChecks.parseId(id, "connection")));
    }

    @POST
    @Operation(summary = "Register a connection; 400 with field errors when invalid")
    public Response create(ConnectionRequest request, @Context UriInfo uri) {
        ConnectionView created = ConnectionView.of(catalog.create(RequestChecks.requireBody(request).toDraft()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a connection's settings; omit secret to keep the stored one")
    public ConnectionView update(@PathParam("id") String id, ConnectionRequest request) {
        return ConnectionView.of(catalog.update(RequestChecks.parseId(id, "connection"), RequestChecks.requireBody(request).toDraft()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connection")
    public Response delete(@PathParam("id") String id) {
        catalog.delete(RequestChecks.parseId(id, "connection"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Dial the target with the stored credentials and report the outcome")
    public ConnectionTestView test(@PathParam("id") String id) {
        return ConnectionTestView.of(catalog.test(RequestChecks.parseId(id, "connection")));
    }
}
