package dev.gatehouse.rest;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.evidence.EvidencePack;
import dev.gatehouse.evidence.EvidencePacks;
import dev.gatehouse.evidence.PackFileMissingException;
import dev.gatehouse.evidence.PackSignoffs;
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
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** FFIEC evidence packs for compliance officers (auditors only): request, follow, list and download (docs/evidence.md). */
@Path("/evidence/packs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evidence", description = "Evidence packs: a zip of evidence for a period, mapped to the FFIEC controls C1-C15")
@RequiresRole(RequiresRole.AUDITOR)
public class EvidencePacksResource {

    /** The header that carries the zip's SHA-256, so a client can check what it saved. */
    static final String SHA256_HEADER = "X-Gatehouse-SHA256";

    @Inject
    EvidencePacks packs;

    @Inject
    CurrentActor actor;

    @Inject
    PackSignoffs signoffs;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start building a pack in the background: 202 with its Location and row (status queued);"
            + " 400 naming each invalid field (period, unknown connection, label not key=value, control not C1..C15)")
    public Response start(EvidencePackRequest request) {
        var scope = packs.scopeOf(RequestChecks.requireBody(request).toRequest());
        UUID id = packs.start(scope, actor.get());
        EvidencePack queued = packs.find(id).orElseThrow();
        return Response.accepted(EvidencePackView.of(queued)).location(uri.getAbsolutePathBuilder().path(id.toString()).build()).build();
    }

    @GET
    @Operation(summary = "The history of packs, newest first, with who asked, the scope, status and digest")
    public List<EvidencePackView> history(@Parameter(description = "How many, 1 to 500, default 50") @QueryParam("limit") String limit) {
        return packs.history(limit(limit)).stream().map(EvidencePackView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One pack: status, progress and stage while it runs; size, SHA-256 and statements once completed; the error if it failed")
    public Response get(@PathParam("id") String id) {
        return packs.find(RequestChecks.parseId(id, "evidence pack")).map(p -> Response.ok(EvidencePackView.of(p)).build())
                .orElseGet(EvidencePacksResource::notFound);
    }

    @GET
    @Path("/{id}/download")
    @Produces({"application/zip", MediaType.APPLICATION_JSON}) // JSON only for errors
    @Operation(summary = "The pack's zip, with its SHA-256 in " + SHA256_HEADER + "; 409 until it is completed. Each download is an audit event")
    public Response download(@PathParam("id") String id,
            @Parameter(description = "To whom the pack goes (the transmittal record; up to 200 characters)") @QueryParam("recipient") String recipient) {
        if (recipient != null && recipient.length() > 200) {
            throw new ValidationFailedException(List.of(new FieldError("recipient", "at most 200 characters")));
        }
        EvidencePack pack = packs.find(RequestChecks.parseId(id, "evidence pack")).orElse(null);
        if (pack == null) {
            return notFound();
        }
        if (!pack.completed()) {
            return json(Response.Status.CONFLICT, ApiError.of("pack_not_ready", "The pack is " + pack.status().wireName()
                    + (pack.error() == null ? "" : " (" + pack.error() + ")") + "; only a completed pack can be downloaded."));
        }
        try {
            EvidencePacks.PackDownload file = packs.download(pack, recipient);
            return Response.ok((jakarta.ws.rs.core.StreamingOutput) out -> Files.copy(file.file(), out), "application/zip")
                    .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                    .header(SHA256_HEADER, file.sha256())
                    .header("Content-Length", file.sizeBytes())
                    .build();
        } catch (PackFileMissingException gone) {
            return json(Response.Status.GONE, ApiError.of("pack_file_missing", gone.getMessage()));
        }
    }

    /** The body of a sign-off: the officer's name and title as printed, and what they attest. */
    public static class SignoffRequest {
        public String name;
        public String title;
        public String statement;
    }

    @POST
    @Path("/{id}/sign-off")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(RequiresRole.OFFICER)
    @Operation(summary = "Management sign-off of a completed pack by a gatehouse-officer who did not generate it, bound to the pack's"
            + " SHA-256; 201 with the sign-off, 409 when the pack is not completed, the officer generated it or already signed it")
    public Response signOff(@PathParam("id") String id, SignoffRequest body) {
        EvidencePack pack = packs.find(RequestChecks.parseId(id, "evidence pack")).orElse(null);
        if (pack == null) {
            return notFound();
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        if (body == null || body.name == null || body.name.isBlank() || body.name.length() > 200) {
            errors.add(new FieldError("name", "the officer's name as it should be printed, 1 to 200 characters"));
        }
        if (body == null || body.title == null || body.title.isBlank() || body.title.length() > 200) {
            errors.add(new FieldError("title", "the officer's title, 1 to 200 characters"));
        }
        if (body == null || body.statement == null || body.statement.isBlank() || body.statement.length() > 4000) {
            errors.add(new FieldError("statement", "what the officer attests, 1 to 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        try {
            PackSignoffs.Signoff signed = signoffs.signOff(pack, body.name.strip(), body.title.strip(), body.statement.strip(), actor.get());
            return Response.status(Response.Status.CREATED).entity(jakarta.json.Json.createObjectBuilder()
                    .add("id", signed.id().toString()).add("pack_id", signed.packId().toString()).add("officer", signed.officer())
                    .add("name", signed.officerName()).add("title", signed.title()).add("pack_sha256", signed.packSha256())
                    .add("signed_at", signed.signedAt().toString()).build()).build();
        } catch (PackSignoffs.SignoffRefused refused) {
            return json(Response.Status.CONFLICT, ApiError.of("sign_off_refused", refused.getMessage()));
        }
    }

    private static Response notFound() {
        return json(Response.Status.NOT_FOUND, ApiError.of("not_found", "No evidence pack has that id."));
    }

    private static Response json(Response.Status status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 50;
        }
        try {
            int parsed = Integer.parseInt(limit.strip());
            if (parsed >= 1 && parsed <= 500) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationFailedException(List.of(new FieldError("limit", "must be a whole number from 1 to 500")));
    }
}
