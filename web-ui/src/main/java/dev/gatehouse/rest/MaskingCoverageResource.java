package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.masking.MaskingCoverage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/connections/{name}/masking-coverage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "masking")
@RequiresRole(RequiresRole.ADMIN)
public class MaskingCoverageResource {

    private static final int DEFAULT_SAMPLE = 100;

    @Inject
    MaskingCoverage coverage;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "The target's catalog columns: which a column or name rule protects, and which look sensitive by name but have"
            + " no rule. Reads the target's catalog with the connection's stored credentials; 502 when the target cannot be read")
    public MaskingCoverage.Coverage get(@PathParam("name") String name) {
        return coverage.coverage(name);
    }

    @POST
    @Path("/sample")
    @Operation(summary = "Run the content detectors over up to limit values of each text column and answer counts per detector, never"
            + " values. Needs \"consent\": true; audited")
    public MaskingCoverage.Sampling sample(@PathParam("name") String name, SampleRequest request) {
        if (request == null || !Boolean.TRUE.equals(request.consent)) {
            throw new ValidationFailedException(List.of(new FieldError("consent",
                    "must be true: sampling reads real values of the target (only counts are kept)")));
        }
        return coverage.sample(name, request.limit == null ? DEFAULT_SAMPLE : request.limit);
    }

    @Schema(name = "MaskingSampleRequest")
    public static class SampleRequest {

        @Schema(description = "Must be true: the admin consents to the gateway reading sample values", required = true)
        public Boolean consent;

        @Schema(description = "Values per text column, 1 to 1000", defaultValue = "100")
        public Integer limit;
    }
}
