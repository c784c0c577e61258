package dev.gatehouse.catalog;

/** One invalid input, named by the field the caller sent. */
public record FieldError(String field, String message) {
}
