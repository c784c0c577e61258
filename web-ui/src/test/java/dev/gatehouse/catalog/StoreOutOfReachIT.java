package dev.gatehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import java.net.URL;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, attack 1: alice (admin) registers Gatehouse's own store as a target to reach the audit
 * trail as a superuser. The store is recognised by its PostgreSQL system identifier and database,
 * read over the login, so no host alias gets around it: refused at save, at "test connection" and at
 * a data-path login (for a row changed behind Gatehouse's back), and every refusal is audited.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoreOutOfReachIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    private static String storeDatabase() {
        String url = System.getProperty("it.db.url");
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static int storeRefusals(String reasonAction) throws Exception {
        return Integer.parseInt(TestDatabase.singleValue("select count(*) from audit_event where action = '" + reasonAction
                + "' and outcome = 'denied' and details->>'reason' = 'store_target'"));
    }

    @Test
    void theStoreIsRefusedAtSaveUnderEveryAliasAndTheRefusalIsAudited() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        for (String alias : new String[] {"127.0.0.1", "localhost"}) {
            String name = "store-" + UUID.randomUUID().toString().substring(0, 8);
            int before = storeRefusals("connection.refused");
            Reply created = alice.send("POST", "api/v1/connections", """
                    {"name":"%s","type":"postgres","host":"%s","port":5432,"database":"%s","username":"postgres","tlsMode":"disable",
                     "allowedRoles":["gatehouse-admin"]}
                    """.formatted(name, alias, storeDatabase()));
            assertThat(created.status()).as(created.body()).isEqualTo(400);
            assertThat(created.body()).contains("\"host\"").contains("Gatehouse's own store");
            assertThat(alice.send("GET", "api/v1/connections", null).body()).as("nothing half-saved").doesNotContain(name);
            assertThat(storeRefusals("connection.refused")).isEqualTo(before + 1);
        }
    }

    @Test
    void anotherDatabaseOfTheSameClusterIsStillAllowed() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String name = "notstore-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}
                """.formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply tested = alice.send("POST", "api/v1/connections/" + created.json().getString("id") + "/test", null);
        assertThat(tested.json().getBoolean("success")).as(tested.body()).isTrue();
        assertThat(tested.json().getString("message")).startsWith("Connected to PostgreSQL");
    }

    @Test
    void aRowPointedAtTheStoreBehindGatehousesBackIsRefusedAtTestAndAtLogin() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String name = "sneak-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable",
                 "allowedRoles":["gatehouse-admin"]}
                """.formatted(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        try (var db = TestDatabase.open(); PreparedStatement st = db.prepareStatement("update connection set database_name = ? where id = ?::uuid")) {
            st.setString(1, storeDatabase());
            st.setString(2, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        int testsBefore = storeRefusals("connection.refused");
        Reply tested = alice.send("POST", "api/v1/connections/" + id + "/test", null);
        assertThat(tested.json().getBoolean("success")).as(tested.body()).isFalse();
        assertThat(tested.json().getString("message")).contains("Gatehouse's own store");
        assertThat(storeRefusals("connection.refused")).isEqualTo(testsBefore + 1);

        int loginsBefore = storeRefusals("session.refused");
        Psql psql = new DataPathClient(base).psql(name, storeDatabase(), Keycloak.userToken("alice"), "require",
                "-c", "select count(*) from audit_event");
        assertThat(psql.exit()).isNotZero();
        assertThat(psql.stderr()).contains("Gatehouse's own store");
        assertThat(psql.stdout()).isEmpty();
        long deadline = System.currentTimeMillis() + 10_000;
        while (storeRefusals("session.refused") == loginsBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(storeRefusals("session.refused")).isEqualTo(loginsBefore + 1);
    }
}
