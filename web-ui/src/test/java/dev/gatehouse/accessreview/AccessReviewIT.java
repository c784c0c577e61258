package dev.gatehouse.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A periodic access review through the whole product, with the real Keycloak, a real PostgreSQL
 * target and psql/JDBC through the running gateway: alice opens a campaign; revoking eve's access
 * ends her open session at its next statement and refuses new ones with the review named; nobody
 * reviews their own access; dora signs the campaign off; lifting the revocation lets eve back in;
 * and every step is in the audit trail with its actor.
 *
 * <p>The realm has one admin (alice), and an admin may not decide an item about their own access, so
 * the test adds a second admin, ivan, to Keycloak for its duration.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessReviewIT {

    private static final String SECOND_ADMIN = "ivan";
    static PasswordCheckingPostgres target;
    static org.keycloak.admin.client.Keycloak keycloakAdmin;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startTargetAndAddSecondAdmin() throws Exception {
        target = PasswordCheckingPostgres.start(Path.of("target"));
        String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/" + target.database();
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("create table accounts (id int primary key, balance int)");
            st.execute("insert into accounts values (1, 100)");
            st.execute("grant select on accounts to " + PasswordCheckingPostgres.ROLE);
        }
        keycloakAdmin = Keycloak.masterAdmin();
        RealmResource realm = Keycloak.gatehouseRealm(keycloakAdmin);
        removeSecondAdmin(realm);
        UserRepresentation ivan = new UserRepresentation();
        ivan.setUsername(SECOND_ADMIN);
        ivan.setEnabled(true);
        ivan.setEmailVerified(true);
        ivan.setEmail(SECOND_ADMIN + "@example.test");
        ivan.setFirstName("Ivan");
        ivan.setLastName("Admin");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(SECOND_ADMIN);
        password.setTemporary(false);
        ivan.setCredentials(List.of(password));
        try (Response created = realm.users().create(ivan)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String id = realm.users().searchByUsername(SECOND_ADMIN, true).getFirst().getId();
        realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get("gatehouse-admin").toRepresentation()));
    }

    @AfterAll
    static void stopTargetAndRemoveSecondAdmin() throws IOException {
        if (keycloakAdmin != null) {
            removeSecondAdmin(Keycloak.gatehouseRealm(keycloakAdmin));
            keycloakAdmin.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private static void removeSecondAdmin(RealmResource realm) {
        realm.users().searchByUsername(SECOND_ADMIN, true).forEach(user -> realm.users().delete(user.getId()).close());
    }

    @Test
    void aRevokedIdentityIsRefusedAtItsNextStatementUntilTheRevocationIsLifted() throws Exception {
        ApiClient alice = as("alice");
        ApiClient ivan = as(SECOND_ADMIN);
        ApiClient dora = as("dora");
        String connection = connection(alice);
        DataPathClient dataPath = new DataPathClient(base);
        String campaign;
        JsonObject aliceItem;
        String eveItemId;

        try (Connection session = dataPath.jdbc(connection, target.database(), Keycloak.userToken("eve"));
                Statement st = session.createStatement()) {
            assertThat(st.executeQuery("select balance from accounts where id = 1").next()).isTrue();
            awaitRecordedSession(alice, connection);

            assertThat(as("bob").send("POST", "api/v1/access-reviews", body("Q4 2026", connection)).status())
                    .as("approvers do not open reviews").isEqualTo(403);
            assertError(alice.send("POST", "api/v1/access-reviews", """
                    {"name":" ","connections":["no-such-connection"],"dueAt":"yesterday"}"""), 400, "validation_failed");
            Reply opened = alice.send("POST", "api/v1/access-reviews", body("Q4 2026", connection));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            campaign = opened.json().getString("id");

            List<JsonObject> items = items(alice, campaign);
            JsonObject eveItem = item(items, "eve", "role:gatehouse-user");
            assertThat(eveItem.getString("identityKind")).isEqualTo("human");
            assertThat(eveItem.getString("decision")).isEqualTo("pending");
            assertThat(eveItem.getString("lastUsedAt", null)).as("eve's open session is her last use").isNotNull();
            assertThat(item(items, "ci-agent", "role:gatehouse-user").getString("identityKind")).isEqualTo("agent");
            aliceItem = item(items, "alice", "role:gatehouse-admin");
            eveItemId = eveItem.getString("id");
            item(items, SECOND_ADMIN, "role:gatehouse-admin");

            assertError(decide(dora, campaign, eveItem, "revoke", "auditors do not decide"), 403, "forbidden");
            assertError(decide(alice, campaign, eveItem, "revoke", " "), 400, "validation_failed");
            Reply revoked = decide(alice, campaign, eveItem, "revoke", "left the payments team");
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
            assertThat(revoked.json().getJsonObject("item").getString("decision")).isEqualTo("revoked");
            assertThat(revoked.json().getInt("sessionsEnded")).isEqualTo(1);

            String ended = null;
            try {
                st.executeQuery("select balance from accounts where id = 1");
            } catch (SQLException e) {
                ended = e.getMessage();
            }
            assertThat(ended).as("eve's next statement in her open session").isNotNull()
                    .contains("access to connection \"" + connection + "\" for \"eve\" was revoked by access review \"Q4 2026\" on "
                            + LocalDate.now(ZoneOffset.UTC))
                    .contains("ask an administrator to lift the revocation");
        }
        Psql refused = eve(connection, "select 1");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.stderr()).contains("was revoked by access review \"Q4 2026\"");

        assertError(decide(alice, campaign, aliceItem, "confirm", "mine"), 409, "self_review");
        assertError(dora.send("POST", "api/v1/access-reviews/" + campaign + "/close", """
                {"signOff":"too early"}"""), 409, "items_pending");
        for (JsonObject pending : items(alice, campaign)) {
            if (pending.getString("decision").equals("pending")) {
                ApiClient reviewer = pending.getString("identity").equals("alice") ? ivan : alice;
                Reply confirmed = decide(reviewer, campaign, pending, "confirm", "still needed");
                assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
                assertThat(confirmed.json().getJsonObject("item").getString("decision")).isEqualTo("confirmed");
            }
        }
        assertError(decide(ivan, campaign, items(alice, campaign).getFirst(), "revoke", "again"), 409, "already_decided");
        assertError(alice.send("POST", "api/v1/access-reviews/" + campaign + "/close", """
                {"signOff":"admins do not sign off"}"""), 403, "forbidden");
        assertError(dora.send("POST", "api/v1/access-reviews/" + campaign + "/close", "{\"signOff\":\"\"}"), 400, "validation_failed");
        Reply closed = dora.send("POST", "api/v1/access-reviews/" + campaign + "/close", """
                {"signOff":"All access to the connection reviewed against the HR leavers list."}""");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().getString("status")).isEqualTo("closed");
        assertThat(closed.json().getString("closedBy")).isEqualTo("dora");
        assertThat(eve(connection, "select 1").exit()).as("closing the review does not lift its revocations").isNotZero();

        JsonObject revocation = dora.send("GET", "api/v1/access-revocations?live=true", null).structure().asJsonArray()
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("connection").equals(connection)).findFirst().orElseThrow();
        assertThat(revocation.getString("identity")).isEqualTo("eve");
        assertThat(revocation.getString("accessReview")).isEqualTo("Q4 2026");
        String revocationId = revocation.getString("id");
        assertThat(dora.send("POST", "api/v1/access-revocations/" + revocationId + "/lift", null).status()).isEqualTo(403);
        Reply lifted = alice.send("POST", "api/v1/access-revocations/" + revocationId + "/lift", null);
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().getString("liftedBy")).isEqualTo("alice");
        assertError(alice.send("POST", "api/v1/access-revocations/" + revocationId + "/lift", null), 409, "already_lifted");
        Psql back = eve(connection, "select balance from accounts where id = 1");
        assertThat(back.exit()).as(back.stderr()).isZero();
        assertThat(back.stdout().trim()).isEqualTo("100");

        List<String> trail = new ArrayList<>();
        List<String> actors = TestDatabase.auditActors(campaign);
        List<String> actions = TestDatabase.auditActions(campaign);
        for (int i = 0; i < actions.size(); i++) {
            trail.add(actors.get(i) + " " + actions.get(i));
        }
        assertThat(trail).startsWith("alice access_review.opened", "alice access_review.decided")
                .contains("alice access_review.self_review_refused", "ivan access_review.decided")
                .endsWith("dora access_review.closed");
        assertThat(TestDatabase.auditDetails(campaign).get(1)).contains("\"identity\"").contains("eve").contains("role:gatehouse-user")
                .contains("revoked").contains(eveItemId).contains(connection);
        assertThat(TestDatabase.auditActors(revocationId)).containsExactly("alice");
        assertThat(TestDatabase.auditActions(revocationId)).containsExactly("access.revocation_lifted");
    }

    private static List<JsonObject> items(ApiClient who, String campaign) throws Exception {
        Reply read = who.send("GET", "api/v1/access-reviews/" + campaign, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().getJsonArray("itemList").getValuesAs(JsonObject.class);
    }

    private static JsonObject item(List<JsonObject> items, String identity, String accessVia) {
        return items.stream().filter(i -> i.getString("identity").equals(identity) && i.getString("accessVia").equals(accessVia))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + identity + " " + accessVia + " in " + items));
    }

    private static Reply decide(ApiClient who, String campaign, JsonObject item, String decision, String comment) throws Exception {
        return who.send("POST", "api/v1/access-reviews/" + campaign + "/items/" + item.getString("id") + "/decision", """
                {"decision":"%s","comment":"%s"}""".formatted(decision, comment));
    }

    private static String body(String name, String connection) {
        return """
                {"name":"%s","connections":["%s"],"dueAt":"%s"}""".formatted(name, connection, LocalDate.now(ZoneOffset.UTC).plusDays(14));
    }

    /** Waits until the recorder has written eve's session, so the campaign can see her last use. */
    private static void awaitRecordedSession(ApiClient alice, String connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Reply sessions = alice.send("GET", "api/v1/sessions?connection=" + connection + "&identity=eve", null);
            if (sessions.status() == 200 && !sessions.json().getJsonArray("items").isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("eve's session on " + connection + " was not recorded");
    }

    private String connection(ApiClient alice) throws Exception {
        String name = "arv-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user","gatehouse-admin"]}
                """.formatted(name, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private ApiClient as(String user) throws Exception {
        return new ApiClient(base).as(Keycloak.userToken(user));
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("code")).as(reply.body()).isEqualTo(code);
    }

    private Psql eve(String connection, String sql) throws Exception {
        return new DataPathClient(base).psql(connection, target.database(), Keycloak.userToken("eve"), "disable", "-A", "-t", "-c", sql);
    }

}
