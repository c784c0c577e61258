package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.recording.SessionFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns the query parameters of the sessions API into typed values, collecting every bad one so a
 * caller learns about all of them at once, each named by its parameter.
 */
final class SessionQuery {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final List<FieldError> errors = new ArrayList<>();

    static SessionFilter filter(String connection, String identity, String from, String to, String active) {
        SessionQuery query = new SessionQuery();
        SessionFilter filter = new SessionFilter(blankToNull(connection), blankToNull(identity), query.instant("from", from),
                query.instant("to", to), query.flag("active", active));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            query.errors.add(new FieldError("to", "must be later than from"));
        }
        query.throwIfInvalid();
        return filter;
    }

    /** A 0-based page and a size of 1 to {@link #MAX_SIZE}; both checked together. */
    static int[] paging(String page, String size) {
        SessionQuery query = new SessionQuery();
        int p = query.number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        int s = query.number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        query.throwIfInvalid();
        return new int[] {p, s};
    }

    static UUID sessionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException(List.of(new FieldError("id", "is not a valid session id")));
        }
    }

    private Instant instant(String field, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 timestamp with an offset, e.g. 2025-01-31T08:00:00Z"));
            return null;
        }
    }

    private Boolean flag(String field, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.add(new FieldError(field, "must be true or false"));
                yield null;
            }
        };
    }

    private int number(String field, String value, int fallback, int min, int max) {
        if (blankToNull(value) == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
