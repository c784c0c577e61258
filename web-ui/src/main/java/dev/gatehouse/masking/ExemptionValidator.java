package dev.gatehouse.masking;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** Checks an unmask grant: whom, where, which rules, why, and a bounded period that has not ended. */
public final class ExemptionValidator {

    /** A grant is an exception, not a role: anything longer belongs in the rule's scope. */
    static final Duration MAX_PERIOD = Duration.ofDays(90);
    private static final int MAX_REASON = 500;

    private ExemptionValidator() {
    }

    public static ValidExemption validate(ExemptionDraft draft, Instant now, Predicate<String> connectionExists, Predicate<UUID> ruleExists) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.subject() == null && draft.username() == null) {
            errors.add(new FieldError("username", "name the identity: a username or an IdP subject"));
        }
        check("subject", draft.subject(), errors);
        check("username", draft.username(), errors);
        if (!MaskingRuleDraft.EVERY_CONNECTION.equals(draft.connection()) && !connectionExists.test(draft.connection())) {
            errors.add(new FieldError("connection", "no connection named '" + draft.connection() + "'; name one, or * for every connection"));
        }
        Set<UUID> rules = new LinkedHashSet<>();
        for (String text : draft.ruleIds()) {
            try {
                UUID id = UUID.fromString(text);
                if (ruleExists.test(id)) {
                    rules.add(id);
                } else {
                    errors.add(new FieldError("ruleIds", "no masking rule with id " + id));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("ruleIds", "'" + text + "' is not a rule id"));
            }
        }
        if (draft.reason() == null) {
            errors.add(new FieldError("reason", "is required: say why the clear values are needed"));
        } else if (draft.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        Instant startsAt = draft.startsAt() == null ? now : instant("startsAt", draft.startsAt(), errors);
        Instant endsAt = endsAt(draft, startsAt, errors);
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                errors.add(new FieldError("endsAt", "must be after startsAt"));
            } else if (!endsAt.isAfter(now)) {
                errors.add(new FieldError("endsAt", "is in the past"));
            } else if (Duration.between(startsAt, endsAt).compareTo(MAX_PERIOD) > 0) {
                errors.add(new FieldError("endsAt", "a grant lasts at most " + MAX_PERIOD.toDays() + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new ValidExemption(draft.subject(), draft.username(), draft.connection(), List.copyOf(rules), draft.reason(), startsAt, endsAt);
    }

    private static Instant endsAt(ExemptionDraft draft, Instant startsAt, List<FieldError> errors) {
        if (draft.endsAt() != null && draft.durationMinutes() != null) {
            errors.add(new FieldError("endsAt", "give endsAt or durationMinutes, not both"));
            return null;
        }
        if (draft.durationMinutes() != null) {
            if (draft.durationMinutes() < 1) {
                errors.add(new FieldError("durationMinutes", "must be 1 or more"));
                return null;
            }
            return startsAt == null ? null : startsAt.plus(Duration.ofMinutes(draft.durationMinutes()));
        }
        if (draft.endsAt() == null) {
            errors.add(new FieldError("endsAt", "is required (or durationMinutes): every grant ends"));
            return null;
        }
        return instant("endsAt", draft.endsAt(), errors);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not an ISO-8601 instant such as 2025-01-06T10:00:00Z"));
            return null;
        }
    }

    private static void check(String field, String value, List<FieldError> errors) {
        if (value != null && !MaskingRuleValidator.IDENTITY_NAME.matcher(value).matches()) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid name"));
        }
    }
}
