package dev.gatehouse.rest;

import dev.gatehouse.platform.RoutingProbe;
import dev.gatehouse.platform.RoutingProbeRoute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The target of ApiRoutingReadinessCheck's request to its own server. It needs no sign-in (the
 * check has no credential) and answers only the request that carries this instance's probe
 * secret; anyone else gets the 404 of a path that does not exist. Not part of the API contract.
 */
@Path(RoutingProbeRoute.PATH)
@RequestScoped
public class RoutingProbeResource {

    @Inject
    RoutingProbe probe;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response answer(@HeaderParam(RoutingProbe.HEADER) String secret) {
        return probe.accepts(secret)
                ? Response.ok(RoutingProbeRoute.ANSWER).build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }
}
