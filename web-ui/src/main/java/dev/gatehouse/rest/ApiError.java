package dev.gatehouse.rest;

import dev.gatehouse.catalog.FieldError;
import java.util.List;

/**
 * Every error body of the API: a stable machine {@code code}, a sentence for people, and the
 * offending fields for validation errors.
 */
public record ApiError(String code, String message, List<FieldError> errors) {

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }
}
