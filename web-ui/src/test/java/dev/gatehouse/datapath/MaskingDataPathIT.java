package dev.gatehouse.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Masking through the whole product: alice makes an SSN rule over REST, eve's psql sees the SSN
 * masked, an unmask grant shows it clear in her next session, and after the revocation it is masked
 * again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MaskingDataPathIT {

    private static final String SSN = "536-22-8741";
    static PasswordCheckingPostgres target;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startTarget() throws Exception {
        target = PasswordCheckingPostgres.start(Path.of("target"));
        String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/" + target.database();
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("create table customers (id int primary key, name text, ssn text)");
            st.execute("insert into customers values (1, 'Jane Doe', '" + SSN + "')");
            st.execute("grant select on customers to " + PasswordCheckingPostgres.ROLE);
        }
    }

    @AfterAll
    static void stopTarget() throws IOException {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void eveSeesTheSsnMaskedUntilAnUnmaskGrantAndMaskedAgainAfterItsRevocation() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String connection = "mdp-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connection, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply rule = alice.send("POST", "api/v1/masking-rules", """
                {"name":"ssn-%s","connection":"%s","target":"detector","detector":"us-ssn","method":"redact","placeholder":"XXX-XX-XXXX"}"""
                .formatted(connection, connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        Psql masked = eve(connection);
        assertThat(masked.stdout()).as(masked.stderr()).contains("XXX-XX-XXXX").doesNotContain(SSN);

        Reply grant = alice.send("POST", "api/v1/masking-exemptions", """
                {"username":"eve","connection":"%s","ruleIds":["%s"],"reason":"INC-1 review","durationMinutes":5}"""
                .formatted(connection, rule.json().getString("id")));
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        Psql clear = eve(connection);
        assertThat(clear.stdout()).as(clear.stderr()).contains(SSN);

        assertThat(alice.send("POST", "api/v1/masking-exemptions/" + grant.json().getString("id") + "/revoke", null).status()).isEqualTo(200);
        Psql maskedAgain = eve(connection);
        assertThat(maskedAgain.stdout()).as(maskedAgain.stderr()).contains("XXX-XX-XXXX").doesNotContain(SSN);

        String recordings = recordedStatements(connection, 3);
        assertThat(recordings).as("evidence: the rule and how many values, never the value")
                .contains("\"ruleName\":\"ssn-" + connection + "\"").doesNotContain(SSN);
    }

    /** Every recorded statement of the connection's sessions, as the sessions API answers an auditor. */
    private String recordedStatements(String connection, int sessions) throws Exception {
        ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        StringBuilder all = new StringBuilder();
        while (System.nanoTime() < deadline) {
            all.setLength(0);
            var items = dora.send("GET", "api/v1/sessions?connection=" + connection, null).json().getJsonArray("items");
            for (var session : items.getValuesAs(jakarta.json.JsonObject.class)) {
                all.append(dora.send("GET", "api/v1/sessions/" + session.getString("id") + "/statements", null).body());
            }
            if (items.size() >= sessions && all.toString().contains("\"masking\":[{")) {
                return all.toString();
            }
            Thread.sleep(300);
        }
        return all.toString();
    }

    private Psql eve(String connection) throws Exception {
        return new DataPathClient(base).psql(connection, target.database(), Keycloak.userToken("eve"), "disable", "-A", "-t",
                "-c", "select id, ssn, ssn || '' as copy from customers");
    }
}
