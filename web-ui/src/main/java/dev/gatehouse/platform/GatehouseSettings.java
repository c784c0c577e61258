package dev.gatehouse.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Typed view of the environment overrides documented in the README and CONTRACT.md. Everything
 * has a default so a fresh machine needs no configuration; production sets
 * {@code GATEHOUSE_PROFILE=production}, which refuses the dev-only conveniences.
 */
public record GatehouseSettings(Profile profile, Path dataDir, Optional<String> masterKey,
        Optional<Path> masterKeyFile, Optional<String> keycloakUrl) {

    public enum Profile { DEV, PRODUCTION }

    public static GatehouseSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static GatehouseSettings from(Map<String, String> env) {
        Profile profile = "production".equalsIgnoreCase(env.getOrDefault("GATEHOUSE_PROFILE", "dev").trim())
                ? Profile.PRODUCTION : Profile.DEV;
        Path dataDir = Path.of(nonBlank(env.get("GATEHOUSE_DATA_DIR")).orElse("./data")).toAbsolutePath().normalize();
        return new GatehouseSettings(profile, dataDir,
                nonBlank(env.get("GATEHOUSE_MASTER_KEY")),
                nonBlank(env.get("GATEHOUSE_MASTER_KEY_FILE")).map(Path::of),
                nonBlank(env.get("KEYCLOAK_URL")));
    }

    public boolean devMode() {
        return profile == Profile.DEV;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
