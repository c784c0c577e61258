package dev.gatehouse.rest;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.evidence.ExceptionRegister;
import dev.gatehouse.evidence.ExceptionRegister.TrackedException;
import dev.gatehouse.evidence.FfiecControl;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exceptions tracked per control (cause, owner, due date, status), carried from pack to pack (issue 24). */
@Path("/evidence/exceptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evidence", description = "Evidence packs: a zip of evidence for a period, mapped to the FFIEC controls C1-C15")
@RequiresRole({RequiresRole.AUDITOR, RequiresRole.OFFICER})
public class EvidenceExceptionsResource {

    /** A new exception, or the fields of one to change (null: unchanged). */
    public static class ExceptionRequest {
        public String control;
        public String cause;
        public String owner;
        public String due_date;
        public String status;
        public String resolution;
    }

    @Inject
    ExceptionRegister register;

    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "Every tracked exception, oldest first")
    public List<JsonObject> list() {
        return register.all().stream().map(EvidenceExceptionsResource::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Track an exception against a control: 201; 400 naming each invalid field")
    public Response open(ExceptionRequest body) {
        List<FieldError> errors = new ArrayList<>();
        FfiecControl control = body == null ? null : control(body.control, errors);
        text(body == null ? null : body.cause, "cause", 2000, errors);
        text(body == null ? null : body.owner, "owner", 200, errors);
        LocalDate due = body == null ? null : date(body.due_date, errors);
        if (body == null || due == null && errors.stream().noneMatch(e -> e.field().equals("due_date"))) {
            errors.add(new FieldError("due_date", "required, as YYYY-MM-DD"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        TrackedException opened = register.open(control, body.cause.strip(), body.owner.strip(), due, actor.get());
        return Response.status(Response.Status.CREATED).entity(view(opened)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an exception's status, owner, due date or resolution; 404 when unknown")
    public Response update(@PathParam("id") String id, ExceptionRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw new ValidationFailedException(List.of(new FieldError("body", "required")));
        }
        if (body.status != null && !ExceptionRegister.STATUSES.contains(body.status)) {
            errors.add(new FieldError("status", "one of " + String.join(", ", ExceptionRegister.STATUSES.stream().sorted().toList())));
        }
        if (body.owner != null) {
            text(body.owner, "owner", 200, errors);
        }
        LocalDate due = body.due_date == null ? null : date(body.due_date, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return register.update(RequestChecks.parseId(id, "exception"), body.status, body.owner == null ? null : body.owner.strip(), due,
                body.resolution, actor.get()).map(e -> Response.ok(view(e)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of("not_found", "No tracked exception has that id.")).build());
    }

    static JsonObject view(TrackedException e) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", e.id().toString()).add("control", e.control()).add("cause", e.cause())
                .add("owner", e.owner()).add("due_date", e.dueDate().toString()).add("status", e.status()).add("opened_by", e.openedBy())
                .add("opened_at", e.openedAt().toString());
        if (e.resolution() != null) {
            json.add("resolution", e.resolution());
        }
        return json.build();
    }

    private static FfiecControl control(String value, List<FieldError> errors) {
        FfiecControl control = Arrays.stream(FfiecControl.values()).filter(c -> c.name().equals(value)).findFirst().orElse(null);
        if (control == null) {
            errors.add(new FieldError("control", "one of C1 to C15"));
        }
        return control;
    }

    private static void text(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > max) {
            errors.add(new FieldError(field, "required, 1 to " + max + " characters"));
        }
    }

    private static LocalDate date(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("due_date", "a date as YYYY-MM-DD"));
            return null;
        }
    }
}
