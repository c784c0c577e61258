package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.RefusalAudit;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Issue 17, attack 5: how long access and unmask requests may last. Elevated access is temporary
 * (FFIEC C3), so a request for ten years is refused with a field error, and the refusal is audited.
 *
 * <p>{@code GATEHOUSE_MAX_ACCESS_DURATION} (default PT8H) and {@code GATEHOUSE_MAX_UNMASK_DURATION}
 * (default PT24H), ISO-8601 durations. The same ceiling for unmask bounds masking exemptions.
 */
@ApplicationScoped
public class RequestCeilings {

    static final Duration DEFAULT_ACCESS = Duration.ofHours(8);
    static final Duration DEFAULT_UNMASK = Duration.ofHours(24);

    @Inject
    RefusalAudit refusals;

    private final Duration access = read("GATEHOUSE_MAX_ACCESS_DURATION", DEFAULT_ACCESS);
    private final Duration unmask = read("GATEHOUSE_MAX_UNMASK_DURATION", DEFAULT_UNMASK);

    public Duration maxAccess() {
        return access;
    }

    public Duration maxUnmask() {
        return unmask;
    }

    /**
     * @param kind {@code access} or {@code unmask} (also used for a masking exemption's window)
     * @throws ValidationFailedException with a {@code field} error when {@code requested} is over the ceiling
     */
    public void check(Actor actor, String kind, String field, String connection, Duration requested) {
        Duration ceiling = kind.equals("access") ? access : unmask;
        if (requested.compareTo(ceiling) > 0) {
            String message = "at most " + readable(ceiling) + " for " + kind + " (GATEHOUSE_MAX_" + kind.toUpperCase(java.util.Locale.ROOT)
                    + "_DURATION); request a shorter window and ask again when it ends";
            refusals.record(actor, "approval.refused", "approval", null, connection,
                    Map.of("reason", "DURATION_CEILING", "kind", kind, "requested", requested.toString(), "ceiling", ceiling.toString()));
            throw new ValidationFailedException(List.of(new FieldError(field, message)));
        }
    }

    static String readable(Duration duration) {
        long hours = duration.toHours();
        return hours * 3600 == duration.toSeconds() ? hours + " h" : duration.toMinutes() + " min";
    }

    private static Duration read(String name, Duration fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.trim());
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive ISO-8601 duration such as PT8H: " + value);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT8H: " + value, e);
        }
    }
}
