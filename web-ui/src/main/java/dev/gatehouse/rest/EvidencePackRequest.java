package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.evidence.PackRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /evidence/packs: the period and what of it the pack covers. */
@Schema(name = "EvidencePackRequest", description = "The scope of an evidence pack: a period, connections or labels, and controls")
public class EvidencePackRequest {

    @Schema(description = "Start of the period (included): an ISO-8601 instant, or a date meaning its 00:00 UTC", required = true,
            example = "2026-01-01")
    public String from;

    @Schema(description = "End of the period (excluded): an ISO-8601 instant, or a date meaning its 00:00 UTC; at most 3 years after"
            + " from, and at most a day from now", required = true, example = "2026-04-01")
    public String to;

    @Schema(description = "Connection names; with labels empty too: every connection")
    public List<String> connections;

    @Schema(description = "Connection labels as key=value; a connection with any of them is in scope", example = "[\"env=prod\"]")
    public List<String> labels;

    @Schema(description = "Control ids C1..C15; omitted: all of them", example = "[\"C2\", \"C9\"]")
    public List<String> controls;

    PackRequest toRequest() {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new PackRequest(start, end, connections, labels, controls);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null; // the validator names a missing bound
        }
        String value = text.strip();
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant (2026-01-01T00:00:00Z) or a date (2026-01-01)"));
            return null;
        }
    }
}
