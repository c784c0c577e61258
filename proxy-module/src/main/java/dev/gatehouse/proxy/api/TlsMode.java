package dev.gatehouse.proxy.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the gateway protects its own connection to the target. The names follow libpq's sslmode so
 * that database administrators recognise them; {@code VERIFY_FULL} is what production should use.
 */
public enum TlsMode {
    DISABLE("disable"),
    PREFER("prefer"),
    REQUIRE("require"),
    VERIFY_CA("verify-ca"),
    VERIFY_FULL("verify-full");

    private final String wireName;

    TlsMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TlsMode> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wireName.equals(wanted)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(TlsMode::wireName).toList());
    }
}
