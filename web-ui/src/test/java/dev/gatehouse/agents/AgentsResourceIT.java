package dev.gatehouse.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * Agents registered through the API really exist in Keycloak, their secret really works, and
 * disable, enable, rotate and delete really take effect, checked through Keycloak's admin API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentsResourceIT {

    /** ./gatehouse test sets GATEHOUSE_AGENT_STATUS_TTL_SECONDS=2; production's default is 30 s. */
    private static final long STATUS_TTL_MILLIS = 2_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAgentsWholeLife() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String connection = "agent-target-" + suffix();
        assertThat(alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres"}
                """.formatted(connection)).status()).isEqualTo(201);

        String name = "it-agent-" + suffix();
        Reply registered = alice.send("POST", "api/v1/agents", """
                {"name":"%s","description":"integration test agent","roles":["gatehouse-user"],"connections":["%s"]}
                """.formatted(name, connection));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String secret = registered.json().getString("clientSecret");
        assertThat(secret).hasSizeGreaterThan(20);
        assertThat(registered.json().getString("kind")).isEqualTo("agent");

        try (var admin = Keycloak.masterAdmin()) {
            RealmResource realm = Keycloak.gatehouseRealm(admin);
            ClientRepresentation client = realm.clients().findByClientId(name).get(0);
            assertThat(client.isServiceAccountsEnabled()).isTrue();
            assertThat(client.isPublicClient()).isFalse();
            assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
            assertThat(client.getAttributes()).containsEntry("gatehouse.agent", "true");
            String serviceAccount = realm.clients().get(client.getId()).getServiceAccountUser().getId();
            assertThat(realm.users().get(serviceAccount).roles().realmLevel().listAll()).extracting("name").contains("gatehouse-user");

            String token = Keycloak.clientToken(name, secret);
            Reply me = new ApiClient(base).as(token).send("GET", "api/v1/me", null);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().getString("kind")).isEqualTo("agent");
            assertThat(me.json().getString("clientId")).isEqualTo(name);
            Reply access = new ApiClient(base).as(token).send("GET", "api/v1/access/" + connection, null);
            assertThat(access.json().getBoolean("allowed")).isTrue();
            assertThat(access.json().getString("matchedEntry")).isEqualTo("client:" + name);

            assertThat(alice.send("GET", "api/v1/agents", null).body()).contains(name);

            // Disable through Gatehouse: refused at once, and Keycloak stops issuing tokens.
            assertThat(alice.send("POST", "api/v1/agents/" + name + "/disable", null).json().getBoolean("enabled")).isFalse();
            assertThat(realm.clients().findByClientId(name).get(0).isEnabled()).isFalse();
            assertRefused(new ApiClient(base).as(token).send("GET", "api/v1/me", null), "agent_disabled");
            assertThat(Keycloak.token("gatehouse", Map.of("grant_type", "client_credentials", "client_id", name, "client_secret", secret))
                    .statusCode()).isIn(400, 401);

            assertThat(alice.send("POST", "api/v1/agents/" + name + "/enable", null).json().getBoolean("enabled")).isTrue();
            String fresh = Keycloak.clientToken(name, secret);
            assertThat(new ApiClient(base).as(fresh).send("GET", "api/v1/me", null).status()).isEqualTo(200);

            // Disabled behind Gatehouse's back (in the Keycloak console): refused within the status cache lifetime.
            ClientRepresentation rep = realm.clients().findByClientId(name).get(0);
            rep.setEnabled(false);
            realm.clients().get(rep.getId()).update(rep);
            long disabledAt = System.currentTimeMillis();
            int status = 200;
            while (status == 200 && System.currentTimeMillis() - disabledAt < STATUS_TTL_MILLIS + 5_000) {
                Thread.sleep(250);
                status = new ApiClient(base).as(fresh).send("GET", "api/v1/me", null).status();
            }
            assertThat(status).isEqualTo(401);
            assertThat(System.currentTimeMillis() - disabledAt).isLessThan(STATUS_TTL_MILLIS + 5_000);
            alice.send("POST", "api/v1/agents/" + name + "/enable", null);

            Reply rotated = alice.send("POST", "api/v1/agents/" + name + "/rotate-secret", null);
            String newSecret = rotated.json().getString("clientSecret");
            assertThat(newSecret).isNotEqualTo(secret);
            assertThat(Keycloak.token("gatehouse", Map.of("grant_type", "client_credentials", "client_id", name, "client_secret", secret))
                    .statusCode()).as("old secret").isEqualTo(401);
            assertThat(Keycloak.clientToken(name, newSecret)).isNotBlank();

            assertThat(alice.send("DELETE", "api/v1/agents/" + name, null).status()).isEqualTo(204);
            assertThat(realm.clients().findByClientId(name)).isEmpty();
            assertThat(alice.send("GET", "api/v1/agents/" + name, null).status()).isEqualTo(404);
            Reply connections = alice.send("GET", "api/v1/connections", null);
            assertThat(connections.body()).doesNotContain("client:" + name);
        }
    }

    @Test
    void invalidRegistrationsAreRefusedWithFieldErrors() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        assertFieldError(alice.send("POST", "api/v1/agents", "{\"name\":\"X!\"}"), "name");
        assertFieldError(alice.send("POST", "api/v1/agents", "{\"name\":\"gatehouse-ui\"}"), "name");
        assertFieldError(alice.send("POST", "api/v1/agents", "{\"name\":\"ok-agent-" + suffix() + "\",\"roles\":[\"superuser\"]}"), "roles");
        assertFieldError(alice.send("POST", "api/v1/agents", "{\"name\":\"ok-agent-" + suffix() + "\",\"connections\":[\"nope\"]}"),
                "connections");
        assertFieldError(alice.send("POST", "api/v1/agents", "{\"name\":\"ci-agent\"}"), "name");
        assertThat(new ApiClient(base).as(Keycloak.userToken("eve")).send("POST", "api/v1/agents", "{\"name\":\"sneaky\"}").status())
                .isEqualTo(403);
    }

    private static void assertFieldError(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getValuesAs(jakarta.json.JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("field")).isEqualTo(field));
    }

    private static void assertRefused(Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().getString("code")).isEqualTo(code);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
