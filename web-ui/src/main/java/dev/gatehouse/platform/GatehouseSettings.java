package dev.gatehouse.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Typed view of the environment overrides documented in the README and CONTRACT.md. Everything
 * has a default so a fresh machine needs no configuration; production sets
 * {@code GATEHOUSE_PROFILE=production}, which refuses the dev-only conveniences (generated master
 * key, the dev client secrets of the dev realm file).
 */
public record GatehouseSettings(Profile profile, Path dataDir, Optional<String> masterKey, Optional<Path> masterKeyFile,
        Optional<String> keycloakUrl, String realm, String audience, String uiClientId, Optional<String> uiClientSecret,
        String adminClientId, Optional<String> adminClientSecret, Duration clockSkew, Duration agentStatusTtl,
        Duration defaultTokenLifetime, Duration maxTokenLifetime, Optional<String> publicUrl) {

    public enum Profile { DEV, PRODUCTION }

    /** Secrets of the dev realm file (keycloak-realm/gatehouse-realm.json); never accepted in production. */
    static final String DEV_UI_SECRET = "gatehouse-ui-dev-secret";
    static final String DEV_ADMIN_SECRET = "gatehouse-admin-bot-dev-secret";

    public static GatehouseSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static GatehouseSettings from(Map<String, String> env) {
        Profile profile = "production".equalsIgnoreCase(env.getOrDefault("GATEHOUSE_PROFILE", "dev").trim())
                ? Profile.PRODUCTION : Profile.DEV;
        boolean dev = profile == Profile.DEV;
        Path dataDir = Path.of(nonBlank(env.get("GATEHOUSE_DATA_DIR")).orElse("./data")).toAbsolutePath().normalize();
        return new GatehouseSettings(profile, dataDir,
                nonBlank(env.get("GATEHOUSE_MASTER_KEY")),
                nonBlank(env.get("GATEHOUSE_MASTER_KEY_FILE")).map(Path::of),
                nonBlank(env.get("KEYCLOAK_URL")).map(url -> url.replaceAll("/+$", "")),
                nonBlank(env.get("GATEHOUSE_REALM")).orElse("gatehouse"),
                nonBlank(env.get("GATEHOUSE_AUDIENCE")).orElse("gatehouse-api"),
                nonBlank(env.get("GATEHOUSE_OIDC_CLIENT_ID")).orElse("gatehouse-ui"),
                nonBlank(env.get("GATEHOUSE_OIDC_CLIENT_SECRET")).or(() -> dev ? Optional.of(DEV_UI_SECRET) : Optional.empty()),
                nonBlank(env.get("GATEHOUSE_KEYCLOAK_ADMIN_CLIENT_ID")).orElse("gatehouse-admin-bot"),
                nonBlank(env.get("GATEHOUSE_KEYCLOAK_ADMIN_CLIENT_SECRET"))
                        .or(() -> dev ? Optional.of(DEV_ADMIN_SECRET) : Optional.empty()),
                seconds(env, "GATEHOUSE_JWT_CLOCK_SKEW_SECONDS", 30),
                seconds(env, "GATEHOUSE_AGENT_STATUS_TTL_SECONDS", 30),
                seconds(env, "GATEHOUSE_TOKEN_TTL_SECONDS", 15 * 60),
                seconds(env, "GATEHOUSE_TOKEN_MAX_TTL_SECONDS", 12 * 60 * 60),
                nonBlank(env.get("GATEHOUSE_PUBLIC_URL")).map(url -> url.replaceAll("/+$", "")));
    }

    public boolean devMode() {
        return profile == Profile.DEV;
    }

    /** The realm's issuer, exactly as Keycloak writes it into tokens. */
    public Optional<String> issuer() {
        return keycloakUrl.map(url -> url + "/realms/" + realm);
    }

    @Override
    public String toString() {
        // Records print every component; the secrets must not reach a log line.
        return "GatehouseSettings[profile=" + profile + ", dataDir=" + dataDir + ", keycloakUrl=" + keycloakUrl.orElse("-")
                + ", realm=" + realm + ", audience=" + audience + ", uiClientId=" + uiClientId + ", adminClientId=" + adminClientId
                + ", clockSkew=" + clockSkew + ", agentStatusTtl=" + agentStatusTtl + "]";
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback) {
        return Duration.ofSeconds(nonBlank(env.get(name)).map(value -> {
            try {
                long parsed = Long.parseLong(value);
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number of seconds, got '" + value + "'");
            }
        }).orElse(fallback));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
