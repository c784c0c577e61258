package dev.gatehouse.evidence;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a {@link PackRequest} into a {@link PackScope}, or refuses it with every field error at once.
 * The period is bounded so that one request cannot ask for the whole history of a large gateway by
 * mistake: at most three years, ending no later than a day from now.
 */
public final class PackRequestValidator {

    static final int MAX_YEARS = 3;
    static final Duration FUTURE_SLACK = Duration.ofDays(1);
    private static final Pattern LABEL = Pattern.compile("([a-z0-9_./-]{1,63})=(.{1,255})");

    private final Predicate<String> knownConnection;

    /** @param knownConnection whether a connection name exists (in the catalog or in the recordings) */
    public PackRequestValidator(Predicate<String> knownConnection) {
        this.knownConnection = knownConnection;
    }

    public PackScope validate(PackRequest request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        checkPeriod(request.from(), request.to(), now, errors);
        Set<String> connections = new LinkedHashSet<>(request.connections());
        connections.stream().filter(name -> !knownConnection.test(name))
                .forEach(name -> errors.add(new FieldError("connections", "no connection named '" + name + "' is known")));
        Set<String> labels = new LinkedHashSet<>(request.labels());
        labels.stream().filter(label -> !LABEL.matcher(label).matches())
                .forEach(label -> errors.add(new FieldError("labels", "'" + label + "' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')")));
        Set<FfiecControl> controls = controls(request.controls(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
        return new PackScope(request.from(), request.to(), List.copyOf(connections), List.copyOf(labels), controls);
    }

    private static void checkPeriod(Instant from, Instant to, Instant now, List<FieldError> errors) {
        if (from == null) {
            errors.add(new FieldError("from", "the start of the period is required"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "the end of the period is required"));
        }
        if (from == null || to == null) {
            return;
        }
        if (!to.isAfter(from)) {
            errors.add(new FieldError("to", "the period must end after it starts"));
        } else if (to.isAfter(now.plus(FUTURE_SLACK))) {
            errors.add(new FieldError("to", "the period must not end more than a day from now"));
        } else if (to.isAfter(from.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
            errors.add(new FieldError("from", "the period must not be longer than " + MAX_YEARS + " years"));
        }
    }

    private static Set<FfiecControl> controls(List<String> ids, List<FieldError> errors) {
        if (ids == null) {
            return EnumSet.allOf(FfiecControl.class);
        }
        if (ids.isEmpty()) {
            errors.add(new FieldError("controls", "choose at least one control"));
            return Set.of();
        }
        Set<FfiecControl> controls = EnumSet.noneOf(FfiecControl.class);
        for (String id : ids) {
            Optional<FfiecControl> control = FfiecControl.byId(id);
            control.ifPresentOrElse(controls::add,
                    () -> errors.add(new FieldError("controls", "'" + id + "' is not a control (C1 to C15)")));
        }
        return controls;
    }
}
