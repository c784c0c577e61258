package dev.gatehouse.retention;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long each kind of recorded data is kept, in days counted back from now:
 * <ul>
 *   <li>{@code payloadDays}: statement text and parameter values (data_statement.sql_text, .parameters);</li>
 *   <li>{@code recordingDays}: the recording rows themselves (data_statement, then ended data_session);</li>
 *   <li>{@code auditDays}: the details of audit events (their chain links stay forever).</li>
 * </ul>
 * A recording must be kept at least as long as its payload: deleting a recording deletes its text
 * with it, so a longer payload period would be a promise the store cannot keep.
 */
public record RetentionPeriods(int payloadDays, int recordingDays, int auditDays) {

    public static final int MIN_DAYS = 1;
    /** 100 years: longer is a typo, and Instant arithmetic stays far from its limits. */
    public static final int MAX_DAYS = 36_500;
    public static final int DEFAULT_DAYS = 400;

    public static final RetentionPeriods DEFAULT = new RetentionPeriods(DEFAULT_DAYS, DEFAULT_DAYS, DEFAULT_DAYS);

    public RetentionPeriods {
        List<FieldError> errors = problems(payloadDays, recordingDays, auditDays);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    /** Checks values as a client sent them (null when missing); every problem at once, named by the field. */
    public static RetentionPeriods of(Integer payloadDays, Integer recordingDays, Integer auditDays) {
        List<FieldError> errors = new ArrayList<>();
        requirePresent(errors, "payloadDays", payloadDays);
        requirePresent(errors, "recordingDays", recordingDays);
        requirePresent(errors, "auditDays", auditDays);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new RetentionPeriods(payloadDays, recordingDays, auditDays);
    }

    /** The instants before which each kind is purged at {@code now}. */
    public RetentionCutoffs cutoffs(Instant now) {
        return new RetentionCutoffs(now.minus(Duration.ofDays(payloadDays)), now.minus(Duration.ofDays(recordingDays)),
                now.minus(Duration.ofDays(auditDays)));
    }

    private static List<FieldError> problems(int payloadDays, int recordingDays, int auditDays) {
        List<FieldError> errors = new ArrayList<>();
        checkRange(errors, "payloadDays", payloadDays);
        checkRange(errors, "recordingDays", recordingDays);
        checkRange(errors, "auditDays", auditDays);
        if (errors.isEmpty() && recordingDays < payloadDays) {
            errors.add(new FieldError("recordingDays", "must be at least payloadDays (" + payloadDays
                    + "): a recording cannot be deleted before the statement text it holds"));
        }
        return errors;
    }

    private static void requirePresent(List<FieldError> errors, String field, Integer value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required (" + MIN_DAYS + " to " + MAX_DAYS + " days)"));
        }
    }

    private static void checkRange(List<FieldError> errors, String field, int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            errors.add(new FieldError(field, "must be " + MIN_DAYS + " to " + MAX_DAYS + " days"));
        }
    }
}
