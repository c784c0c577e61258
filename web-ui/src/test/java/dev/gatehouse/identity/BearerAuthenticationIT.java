package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * REST authentication against the real Keycloak of the test run: which tokens are accepted, which
 * are refused and how, Gatehouse tokens, and recorded access decisions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BearerAuthenticationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theCiAgentReachesWhatItsRoleAllowsAndNoAdminEndpoint() throws Exception {
        ApiClient agent = new ApiClient(base).as(Keycloak.clientToken("ci-agent", "ci-agent-dev-secret"));
        Reply me = agent.send("GET", "api/v1/me", null);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().getString("kind")).isEqualTo("agent");
        assertThat(me.json().getString("clientId")).isEqualTo("ci-agent");
        assertThat(me.json().getJsonArray("roles").toString()).contains("gatehouse-user");

        for (String[] call : new String[][] {{"GET", "api/v1/connections"}, {"POST", "api/v1/connections"}, {"GET", "api/v1/agents"}}) {
            Reply refused = agent.send(call[0], call[1], call[0].equals("POST") ? "{}" : null);
            assertThat(refused.status()).as(call[0] + " " + call[1]).isEqualTo(403);
            assertThat(refused.json().getString("code")).isEqualTo("forbidden");
        }
        assertThat(new ApiClient(base).as(Keycloak.userToken("alice")).send("GET", "api/v1/connections", null).status()).isEqualTo(200);
        assertThat(new ApiClient(base).as(Keycloak.userToken("dora")).send("GET", "api/v1/connections", null).status())
                .as("auditors read the catalog").isEqualTo(200);
        assertThat(new ApiClient(base).as(Keycloak.userToken("dora")).send("POST", "api/v1/connections", "{}").status())
                .as("but do not change it").isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        try (var admin = Keycloak.masterAdmin()) {
            var clients = Keycloak.gatehouseRealm(admin).clients();
            String clientId = "short-lived-" + UUID.randomUUID().toString().substring(0, 8);
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setSecret("short-lived-secret");
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setPublicClient(false);
            client.setAttributes(Map.of("access.token.lifespan", "1"));
            ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
            audience.setName("aud");
            audience.setProtocol("openid-connect");
            audience.setProtocolMapper("oidc-audience-mapper");
            audience.setConfig(Map.of("included.custom.audience", "gatehouse-api", "access.token.claim", "true"));
            client.setProtocolMappers(List.of(audience));
            clients.create(client).close();
            try {
                String token = Keycloak.clientToken(clientId, "short-lived-secret");
                // Lifetime 1 s plus the 2 s clock skew the test run configures (production default: 30 s).
                Thread.sleep(4500);
                assertRefused(new ApiClient(base).as(token).send("GET", "api/v1/me", null), "expired");
            } finally {
                clients.get(clients.findByClientId(clientId).get(0).getId()).remove();
            }
        }
    }

    @Test
    void forgedAlteredForeignAndUnsignedTokensAreRefused() throws Exception {
        String real = Keycloak.userToken("alice");
        SignedJWT parsed = SignedJWT.parse(real);

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(parsed.getHeader().getKeyID()).build(), parsed.getJWTClaimsSet());
        forged.sign(new RSASSASigner(otherKey));
        assertRefused(new ApiClient(base).as(forged.serialize()).send("GET", "api/v1/me", null), "invalid_signature");

        int at = real.length() - 5;
        String altered = real.substring(0, at) + (real.charAt(at) == 'x' ? 'y' : 'x') + real.substring(at + 1);
        assertRefused(new ApiClient(base).as(altered).send("GET", "api/v1/me", null), "invalid_signature");

        String otherAudience = Keycloak.accessToken(Keycloak.token("gatehouse",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "alice", "password", "alice")));
        assertRefused(new ApiClient(base).as(otherAudience).send("GET", "api/v1/me", null), "wrong_audience");

        String otherRealm = Keycloak.accessToken(Keycloak.token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", System.getenv("KEYCLOAK_ADMIN_USERNAME"), "password", System.getenv("KEYCLOAK_ADMIN_PASSWORD"))));
        Reply foreign = new ApiClient(base).as(otherRealm).send("GET", "api/v1/me", null);
        assertThat(foreign.status()).isEqualTo(401);
        assertThat(foreign.json().getString("code")).isIn("invalid_signature", "wrong_issuer", "wrong_audience");

        String unsigned = new PlainJWT(parsed.getJWTClaimsSet()).serialize();
        assertRefused(new ApiClient(base).as(unsigned).send("GET", "api/v1/me", null), "unsigned_token");
    }

    @Test
    void badAuthorizationHeadersGetAClear401() throws Exception {
        ApiClient api = new ApiClient(base);
        assertRefused(api.send("GET", "api/v1/me", null), "missing_token");
        assertRefused(api.withAuthorization("Basic YWxpY2U6YWxpY2U=").send("GET", "api/v1/me", null), "malformed_authorization");
        assertRefused(api.withAuthorization("Bearer").send("GET", "api/v1/me", null), "malformed_authorization");
        assertRefused(api.withAuthorization("Bearer two tokens").send("GET", "api/v1/me", null), "malformed_authorization");
        assertRefused(api.withAuthorization("Bearer " + "x".repeat(100 * 1024)).send("GET", "api/v1/me", null), "oversized_token");
        assertRefused(api.as("abc.def.ghi").send("GET", "api/v1/me", null), "malformed_token");
    }

    @Test
    void rejectionsAreAuditedWithoutTheToken() throws Exception {
        String marker = "forged" + UUID.randomUUID().toString().replace("-", "");
        new ApiClient(base).as(marker + ".abc.def").send("GET", "api/v1/me", null);
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select count(*), count(*) filter (where details::text like ?) from audit_event"
                        + " where action = 'auth.rejected' and occurred_at > now() - interval '5 minutes'")) {
            st.setString(1, "%" + marker + "%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("rejections recorded").isPositive();
                assertThat(rs.getInt(2)).as("rows containing the token").isZero();
            }
        }
    }

    @Test
    void aGatehouseTokenWorksUntilItIsRevokedOrExpires() throws Exception {
        String keycloakToken = Keycloak.userToken("eve");
        ApiClient eve = new ApiClient(base).as(keycloakToken);

        Reply issued = eve.send("POST", "api/v1/tokens", "{\"purpose\":\"psql on laptop\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().getString("token");
        String id = issued.json().getString("id");
        assertThat(token).startsWith("ght_").hasSizeLessThan(64);

        Reply me = new ApiClient(base).as(token).send("GET", "api/v1/me", null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo("eve");
        assertThat(me.json().getString("authMethod")).isEqualTo("gatehouse-token");

        assertThat(new ApiClient(base).as(token).send("POST", "api/v1/tokens", "{}").status())
                .as("a Gatehouse token cannot be exchanged for another").isEqualTo(400);
        Reply listed = eve.send("GET", "api/v1/tokens", null);
        assertThat(listed.body()).contains(id).doesNotContain(token);
        assertThat(storedTokenColumns()).noneMatch(value -> value.contains(token));

        assertThat(eve.send("DELETE", "api/v1/tokens/" + id, null).status()).isEqualTo(200);
        assertRefused(new ApiClient(base).as(token).send("GET", "api/v1/me", null), "revoked");

        Reply shortLived = eve.send("POST", "api/v1/tokens", "{\"lifetimeSeconds\":2}");
        String brief = shortLived.json().getString("token");
        assertThat(new ApiClient(base).as(brief).send("GET", "api/v1/me", null).status()).isEqualTo(200);
        Thread.sleep(3000);
        assertRefused(new ApiClient(base).as(brief).send("GET", "api/v1/me", null), "expired");

        Reply tooLong = eve.send("POST", "api/v1/tokens", "{\"lifetimeSeconds\":99999999}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("lifetimeSeconds");
        assertThat(new ApiClient(base).as(Keycloak.userToken("bob")).send("DELETE", "api/v1/tokens/" + id, null).status())
                .as("another user cannot revoke eve's token").isEqualTo(404);
    }

    @Test
    void accessDecisionsFollowTheAllowListAndAreRecorded() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String name = "acl-" + UUID.randomUUID().toString().substring(0, 8);
        String closed = name + "-closed";
        assertThat(alice.send("POST", "api/v1/connections", connectionJson(name, "[\"gatehouse-user\",\"client:ci-agent\",\"group:/platform\"]")).status())
                .isEqualTo(201);
        assertThat(alice.send("POST", "api/v1/connections", connectionJson(closed, "[]")).status()).isEqualTo(201);

        assertDecision(Keycloak.userToken("eve"), name, true, "role:gatehouse-user");
        assertDecision(Keycloak.clientToken("ci-agent", "ci-agent-dev-secret"), name, true, "client:ci-agent");
        assertDecision(Keycloak.userToken("dora"), name, false, "");
        assertDecision(Keycloak.userToken("alice"), closed, false, "");
        assertThat(new ApiClient(base).as(Keycloak.userToken("eve")).send("GET", "api/v1/access/no-such-connection", null).status())
                .isEqualTo(404);

        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select actor_kind, outcome, details from audit_event"
                        + " where action = 'access.decided' and target_name = ? order by id")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0)).startsWith("human allowed").contains("\"username\": \"eve\"").contains("\"subject\"")
                        .contains("\"tokenId\"").contains("\"authTime\"").contains("\"roles\"").contains("role:gatehouse-user");
                assertThat(rows.get(1)).startsWith("agent allowed").contains("\"clientId\": \"ci-agent\"");
                assertThat(rows.get(2)).startsWith("human denied").contains("dora");
            }
        }
    }

    private void assertDecision(String token, String connection, boolean allowed, String entry) throws Exception {
        Reply decision = new ApiClient(base).as(token).send("GET", "api/v1/access/" + connection, null);
        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(decision.json().getBoolean("allowed")).as(decision.body()).isEqualTo(allowed);
        assertThat(decision.json().getString("matchedEntry")).isEqualTo(entry);
    }

    private static String connectionJson(String name, String allowed) {
        return """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","allowedRoles":%s}
                """.formatted(name, allowed);
    }

    private static void assertRefused(Reply reply, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().getString("code")).isEqualTo(code);
        assertThat(reply.challenge()).startsWith("Bearer");
    }

    private static List<String> storedTokenColumns() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select t::text from gatehouse_token t");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
