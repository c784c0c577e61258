package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.util.List;
import java.util.UUID;

/** The checks every resource makes on a request before its service sees it, with field errors. */
final class RequestChecks {

    private RequestChecks() {
    }

    /** A JSON body was sent (JSON-B gives null for an empty one). */
    static <T> T requireBody(T request) {
        if (request == null) {
            throw new ValidationFailedException(List.of(new FieldError("body", "a JSON object is required")));
        }
        return request;
    }

    /** The path's id as a UUID; {@code what} names it in the error, e.g. "rule". */
    static UUID parseId(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationFailedException(List.of(new FieldError("id", "is not a valid " + what + " id")));
        }
    }

    /** An optional whole-number query parameter; a field error names it when it is not one. */
    static Long optionalLong(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ValidationFailedException(List.of(new FieldError(field, "must be a whole number")));
        }
    }
}
