package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The build machines have no Docker engine, so this checks the structure {@code docker compose config}
 * would insist on: references that resolve, declared volumes and secrets, and values of the right type.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

    /** "host:container" or "container"; an unquoted 80:80 would reach Compose as a YAML 1.1 sexagesimal number. */
    private static final Pattern PORT_MAPPING = Pattern.compile("(\\d{1,5}:)?\\d{1,5}");

    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        // Compose rejects a key given twice; SnakeYAML would silently keep the last one.
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(COMPOSE_FILE, StandardCharsets.UTF_8)) {
            compose = map(new Yaml(new SafeConstructor(options)).load(reader), "the compose file");
        }
        services = map(compose.get("services"), "services");
    }

    @Test
    void declaresTheGatehouseServices() {
        assertThat(services).containsKeys("gateway", "store", "keycloak", "demo-postgres");
    }

    @Test
    void followsTheComposeSpecificationWithoutAVersionKey() {
        assertThat(compose).doesNotContainKey("version");
    }

    @Test
    void givesEveryServiceAnImage() {
        services.forEach((name, service) ->
                assertThat(map(service, name).get("image")).as(name + ".image").isInstanceOf(String.class)
                        .asString().isNotBlank());
    }

    @Test
    void dependsOnlyOnServicesThatExist() {
        services.forEach((name, service) -> {
            for (String dependency : dependencies(map(service, name))) {
                assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
            }
        });
    }

    @Test
    void waitsForHealthOnlyWhereThereIsAHealthcheck() {
        services.forEach((name, service) -> {
            if (map(service, name).get("depends_on") instanceof Map<?, ?> conditions) {
                conditions.forEach((dependency, condition) -> {
                    if (condition instanceof Map<?, ?> settings && "service_healthy".equals(settings.get("condition"))) {
                        assertThat(map(services.get(dependency), dependency.toString()))
                                .as(name + " waits for " + dependency + " to be healthy").containsKey("healthcheck");
                    }
                });
            }
        });
    }

    @Test
    void declaresEveryNamedVolumeAtTheTop() {
        Map<String, Object> declared = optionalMap(compose.get("volumes"), "volumes");
        services.forEach((name, service) -> {
            for (Object volume : list(map(service, name).get("volumes"), name + ".volumes")) {
                namedVolume(volume, name).ifPresent(volumeName ->
                        assertThat(declared).as(name + " uses volume " + volumeName).containsKey(volumeName));
            }
        });
    }

    @Test
    void givesEveryBindMountASourceAndTarget() {
        services.forEach((name, service) -> {
            for (Object volume : list(map(service, name).get("volumes"), name + ".volumes")) {
                if (volume instanceof Map<?, ?> longSyntax && "bind".equals(longSyntax.get("type"))) {
                    assertThat(map(longSyntax, name + " bind mount")).containsKeys("source", "target");
                }
            }
        });
    }

    @Test
    void declaresEverySecretAtTheTop() {
        Map<String, Object> declared = optionalMap(compose.get("secrets"), "secrets");
        declared.forEach((secret, definition) -> assertThat(map(definition, "secret " + secret).keySet())
                .as("secret " + secret + " needs a source").containsAnyOf("file", "environment", "external"));
        services.forEach((name, service) -> {
            for (Object reference : list(map(service, name).get("secrets"), name + ".secrets")) {
                Object secret = reference instanceof Map<?, ?> longSyntax ? longSyntax.get("source") : reference;
                assertThat(declared).as(name + " uses secret " + secret).containsKey(String.valueOf(secret));
            }
        });
    }

    @Test
    void writesPortMappingsAsQuotedHostAndContainerPorts() {
        services.forEach((name, service) -> {
            for (Object mapping : list(map(service, name).get("ports"), name + ".ports")) {
                assertThat(mapping).as(name + " port mapping " + mapping).isInstanceOf(String.class);
                assertThat((String) mapping).as(name + " port mapping").matches(PORT_MAPPING);
                for (String port : ((String) mapping).split(":")) {
                    assertThat(Integer.parseInt(port)).as(name + " port " + port).isBetween(1, 65535);
                }
            }
        });
    }

    @Test
    void pointsTheGatewayAtTheStoreService() {
        Map<String, String> environment = environment(map(services.get("gateway"), "gateway"));

        assertThat(environment).containsKey("GATEHOUSE_DB_URL");
        String url = environment.get("GATEHOUSE_DB_URL");
        assertThat(url).startsWith("jdbc:postgresql://");
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        assertThat(services).as("the host of GATEHOUSE_DB_URL is a service").containsKey(host);
    }

    private static List<String> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> longSyntax) {
            return longSyntax.keySet().stream().map(String::valueOf).toList();
        }
        return list(dependsOn, "depends_on").stream().map(String::valueOf).toList();
    }

    /**
     * The volume name of a mount, if it mounts a named volume: short syntax "name:/path[:mode]"
     * whose source is not a path, or long syntax with type volume and a source.
     */
    private static Optional<String> namedVolume(Object volume, String service) {
        if (volume instanceof Map<?, ?> longSyntax) {
            if ("volume".equals(longSyntax.get("type")) && longSyntax.get("source") != null) {
                return Optional.of(String.valueOf(longSyntax.get("source")));
            }
            return Optional.empty();
        }
        assertThat(volume).as(service + " volume " + volume).isInstanceOf(String.class);
        String[] parts = ((String) volume).split(":");
        String source = parts[0];
        boolean isPath = source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.contains("/");
        return parts.length >= 2 && !isPath ? Optional.of(source) : Optional.empty();
    }

    /** Compose allows a map or a list of KEY=VALUE strings. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> asMap) {
            asMap.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else {
            for (Object entry : list(environment, "environment")) {
                String[] keyAndValue = String.valueOf(entry).split("=", 2);
                variables.put(keyAndValue[0], keyAndValue.length > 1 ? keyAndValue[1] : null);
            }
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what + " is a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** Top-level volumes and secrets may be absent, and "name:" alone parses to null. */
    private static Map<String, Object> optionalMap(Object value, String what) {
        return value == null ? Map.of() : map(value, what);
    }

    private static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).as(what + " is a list").isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }
}
