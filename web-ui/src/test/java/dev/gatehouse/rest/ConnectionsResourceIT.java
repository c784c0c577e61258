package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection API as an HTTP client sees it, against Payara Micro and the real PostgreSQL store:
 * the full lifecycle, the write-only secret, encryption at rest, the audit rows, and field errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionsResourceIT {

    private static final String SECRET = "Pa55-" + UUID.randomUUID();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void createReadUpdateDeleteWithoutEverReturningTheSecret() throws Exception {
        ApiClient api = new ApiClient(base).as(Keycloak.userToken("alice"));
        String name = "crud-" + UUID.randomUUID().toString().substring(0, 8);

        Reply created = api.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","secret":"%s","tlsMode":"disable","labels":{"env":"test"},"allowedRoles":["gatehouse-user"]}
                """.formatted(name, SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain("gh1:");
        JsonObject body = created.json();
        String id = body.getString("id");
        assertThat(created.location()).endsWith("/api/v1/connections/" + id);
        assertThat(body.getBoolean("secretSet")).isTrue();
        assertThat(body.containsKey("secret")).isFalse();
        assertThat(body.getJsonObject("labels").getString("env")).isEqualTo("test");
        assertThat(body.getBoolean("requireClientTls")).as("off unless asked for").isFalse();

        Reply read = api.send("GET", "api/v1/connections/" + id, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(SECRET);
        assertThat(read.json().getString("name")).isEqualTo(name);

        Reply list = api.send("GET", "api/v1/connections", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(name).doesNotContain(SECRET);

        // Encrypted at rest: the raw column holds AES-GCM ciphertext, not the plaintext.
        String raw = rawSecretColumn(id);
        assertThat(raw).startsWith("gh1:").doesNotContain(SECRET);

        Reply tested = api.send("POST", "api/v1/connections/" + id + "/test", null);
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().getBoolean("success")).as(tested.body()).isTrue();

        // Update without a secret keeps the stored one; the ciphertext is unchanged.
        Reply updated = api.send("PUT", "api/v1/connections/" + id, """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","tlsMode":"disable","labels":{"env":"staging"}}
                """.formatted(name));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().getBoolean("secretSet")).isTrue();
        assertThat(updated.json().getJsonObject("labels").getString("env")).isEqualTo("staging");
        assertThat(rawSecretColumn(id)).isEqualTo(raw);

        // Clients can be required to use TLS; the flag reads back and is audited as a change.
        Reply tlsRequired = api.send("PUT", "api/v1/connections/" + id, """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","tlsMode":"disable","requireClientTls":true,"labels":{"env":"staging"}}
                """.formatted(name));
        assertThat(tlsRequired.status()).as(tlsRequired.body()).isEqualTo(200);
        assertThat(tlsRequired.json().getBoolean("requireClientTls")).isTrue();
        assertThat(api.send("GET", "api/v1/connections/" + id, null).json().getBoolean("requireClientTls")).isTrue();
        assertThat(rawColumn(id, "require_client_tls")).isEqualTo("t");
        assertThat(tlsRequired.json().getJsonArray("allowedStartupParameters")).as("none unless allowed").isEmpty();

        // Startup parameters beyond the harmless ones are allowed per connection (ADR 0016), and read back.
        Reply startup = api.send("PUT", "api/v1/connections/" + id, """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","tlsMode":"disable","requireClientTls":true,"labels":{"env":"staging"},
                 "allowedStartupParameters":["options","statement_timeout"]}
                """.formatted(name));
        assertThat(startup.status()).as(startup.body()).isEqualTo(200);
        assertThat(startup.json().getJsonArray("allowedStartupParameters").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("options", "statement_timeout");
        assertThat(rawColumn(id, "allowed_startup_parameters")).isEqualTo("options,statement_timeout");

        // Replacing the secret re-seals it with a fresh nonce.
        String newSecret = "Rotated-" + UUID.randomUUID();
        Reply replaced = api.send("PUT", "api/v1/connections/" + id, """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","secret":"%s","tlsMode":"disable"}
                """.formatted(name, newSecret));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().getBoolean("requireClientTls")).as("PUT replaces: omitted means off").isFalse();
        assertThat(replaced.body()).doesNotContain(newSecret);
        assertThat(rawSecretColumn(id)).startsWith("gh1:").isNotEqualTo(raw).doesNotContain(newSecret);

        Reply deleted = api.send("DELETE", "api/v1/connections/" + id, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.send("GET", "api/v1/connections/" + id, null).status()).isEqualTo(404);

        List<String> actions = TestDatabase.auditActions(id);
        assertThat(actions).containsExactly("connection.created", "connection.tested", "connection.updated", "connection.updated",
                "connection.updated", "connection.updated", "connection.deleted");
        assertThat(TestDatabase.auditDetails(id).get(3)).contains("requireClientTls");
        assertThat(TestDatabase.auditDetails(id)).noneMatch(d -> d.contains(SECRET) || d.contains(newSecret) || d.contains("gh1:"));
        assertThat(TestDatabase.auditActors(id)).containsOnly("alice");
    }

    @Test
    void invalidInputGetsFieldErrors() throws Exception {
        ApiClient api = new ApiClient(base).as(Keycloak.userToken("alice"));

        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"type":"postgres","host":"h","port":5432,"database":"d","username":"u"}"""), "name");
        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"name":"bad-port","type":"postgres","host":"h","port":70000,"database":"d","username":"u"}"""), "port");
        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"name":"bad-port-zero","type":"postgres","host":"h","port":0,"database":"d","username":"u"}"""), "port");
        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"name":"bad-type","type":"oracle","host":"h","port":1521,"database":"d","username":"u"}"""), "type");

        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"name":"%s","type":"postgres","host":"h","port":5432,"database":"d","username":"u"}""".formatted(name);
        Reply first = api.send("POST", "api/v1/connections", body);
        assertThat(first.status()).isEqualTo(201);
        assertFieldErrors(api.send("POST", "api/v1/connections", body), "name");

        Reply malformed = api.send("POST", "api/v1/connections", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("code")).isEqualTo("malformed_body");

        Reply unknown = api.send("GET", "api/v1/connections/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("code")).isEqualTo("not_found");

        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"name":"bad-startup","type":"postgres","host":"h","port":5432,"database":"d","username":"u",
                 "allowedStartupParameters":["standard_conforming_strings"]}"""), "allowedStartupParameters");
        assertFieldErrors(api.send("POST", "api/v1/connections", """
                {"name":"bad-startup-name","type":"postgres","host":"h","port":5432,"database":"d","username":"u",
                 "allowedStartupParameters":["a b"]}"""), "allowedStartupParameters");

        Reply badId = api.send("GET", "api/v1/connections/not-a-uuid", null);
        assertThat(badId.status()).isEqualTo(400);

        api.send("DELETE", "api/v1/connections/" + first.json().getString("id"), null);
    }

    @Test
    void theCatalogNeedsAToken() throws Exception {
        Reply anonymous = new ApiClient(base).send("GET", "api/v1/connections", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().getString("code")).isEqualTo("missing_token");
    }

    @Test
    void openApiDocumentsTheConnectionsResource() throws Exception {
        Reply openapi = new ApiClient(base).send("GET", "openapi", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/connections").contains("ConnectionRequest").contains("writeOnly")
                .contains("requireClientTls");
    }

    @Test
    void readinessReportsTheStore() throws Exception {
        Reply ready = new ApiClient(base).send("GET", "health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.body()).contains("\"store\"");
    }

    private static void assertFieldErrors(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonObject error = reply.json();
        assertThat(error.getString("code")).isEqualTo("validation_failed");
        JsonArray errors = error.getJsonArray("errors");
        assertThat(errors.getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("field")).isEqualTo(field);
            assertThat(e.getString("message")).isNotBlank();
        });
    }

    private static String rawSecretColumn(String id) throws Exception {
        return rawColumn(id, "secret_ciphertext");
    }

    private static String rawColumn(String id, String column) throws Exception {
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select " + column + " from connection where id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

}
