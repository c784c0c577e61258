package dev.gatehouse.platform;

import java.util.Map;
import java.util.Optional;

/**
 * Reading one environment override: blank means unset, numbers must be whole and in range, and a
 * bad value fails start-up with a sentence naming the variable and what it accepts.
 */
public final class EnvironmentValues {

    private EnvironmentValues() {
    }

    public static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        return text(env, name).map(value -> {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }).orElse(fallback);
    }

    public static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        return (int) number(env, name, (long) fallback, min, max);
    }
}
