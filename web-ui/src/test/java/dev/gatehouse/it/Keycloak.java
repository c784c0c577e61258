package dev.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The real Keycloak that ./gatehouse test starts (KEYCLOAK_URL), seen from a test: tokens by the
 * grants real clients use, and an admin view to check what Gatehouse changed there.
 */
public final class Keycloak {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Keycloak() {
    }

    public static String url() {
        String url = System.getenv("KEYCLOAK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("KEYCLOAK_URL is not set: run the tests with ./gatehouse test, which starts Keycloak");
        }
        return url.replaceAll("/+$", "");
    }

    /** A user's access token through the dev realm's public CLI client (direct access grant). */
    public static String userToken(String username) throws IOException, InterruptedException {
        return accessToken(token("gatehouse", Map.of("grant_type", "password", "client_id", "gatehouse-cli", "username", username,
                "password", username)));
    }

    public static String clientToken(String clientId, String secret) throws IOException, InterruptedException {
        return accessToken(token("gatehouse", Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)));
    }

    /** A raw token-endpoint call, to see refusals (disabled client, rotated secret). */
    public static HttpResponse<String> token(String realm, Map<String, String> form) throws IOException, InterruptedException {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the token request: HTTP " + response.statusCode() + " " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            return json.getString("access_token");
        }
    }

    /** The master realm's admin, from the password ./gatehouse generated for its Keycloak. */
    public static org.keycloak.admin.client.Keycloak masterAdmin() {
        return KeycloakBuilder.builder().serverUrl(url()).realm("master").clientId("admin-cli")
                .username(env("KEYCLOAK_ADMIN_USERNAME")).password(env("KEYCLOAK_ADMIN_PASSWORD")).build();
    }

    public static RealmResource gatehouseRealm(org.keycloak.admin.client.Keycloak admin) {
        return admin.realm("gatehouse");
    }

    /**
     * Makes sure the realm has the role and a user holding it whose password is its name (as the
     * realm file's dev users have), creating what is missing: a Keycloak imported from an older realm
     * file lacks what a newer branch added. Safe to call from every test, in any order.
     */
    public static synchronized void ensureUserWithRole(String username, String role, String description) {
        try (org.keycloak.admin.client.Keycloak admin = masterAdmin()) {
            RealmResource realm = gatehouseRealm(admin);
            if (realm.roles().list().stream().noneMatch(r -> r.getName().equals(role))) {
                org.keycloak.representations.idm.RoleRepresentation created = new org.keycloak.representations.idm.RoleRepresentation();
                created.setName(role);
                created.setDescription(description);
                try {
                    realm.roles().create(created);
                } catch (jakarta.ws.rs.ClientErrorException raced) {
                    // another test created it meanwhile
                }
            }
            List<org.keycloak.representations.idm.UserRepresentation> found = realm.users().searchByUsername(username, true);
            String id;
            if (found.isEmpty()) {
                org.keycloak.representations.idm.UserRepresentation user = new org.keycloak.representations.idm.UserRepresentation();
                user.setUsername(username);
                user.setEnabled(true);
                user.setEmailVerified(true);
                user.setFirstName(Character.toUpperCase(username.charAt(0)) + username.substring(1));
                user.setLastName("Test");
                user.setEmail(username + "@gatehouse.example");
                org.keycloak.representations.idm.CredentialRepresentation password = new org.keycloak.representations.idm.CredentialRepresentation();
                password.setType("password");
                password.setValue(username);
                password.setTemporary(false);
                user.setCredentials(List.of(password));
                try (jakarta.ws.rs.core.Response response = realm.users().create(user)) {
                    if (response.getStatus() != 201 && response.getStatus() != 409) {
                        throw new IllegalStateException("creating user " + username + " failed: HTTP " + response.getStatus());
                    }
                }
                id = realm.users().searchByUsername(username, true).getFirst().getId();
            } else {
                id = found.getFirst().getId();
            }
            var mapped = realm.users().get(id).roles().realmLevel();
            if (mapped.listAll().stream().noneMatch(r -> r.getName().equals(role))) {
                mapped.add(List.of(realm.roles().get(role).toRepresentation()));
            }
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the tests with ./gatehouse test");
        }
        return value;
    }
}
