package dev.gatehouse.catalog;

import java.util.List;

/** The input was refused; nothing was changed. Carries every field error at once. */
public class ValidationFailedException extends RuntimeException {

    private final List<FieldError> errors;

    public ValidationFailedException(List<FieldError> errors) {
        super("invalid input: " + errors.stream().map(e -> e.field() + " " + e.message()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
