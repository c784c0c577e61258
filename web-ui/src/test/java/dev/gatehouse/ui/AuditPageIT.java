package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The audit trail page in headless Chromium: an auditor signs a checkpoint and verifies the chain
 * and sees the verdict, and the run is recorded with her name; a plain user cannot open it. Key
 * rotation through the API retires the old key, records who rotated it, and the chain still
 * verifies across both keys.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAuditorVerifiesTheChainOnThePageAndTheRunIsRecorded() throws Exception {
        long runsBefore = count("select count(*) from audit_event where action = 'audit.verified' and actor = 'dora'"
                + " and details ->> 'channel' = 'ui'");
        try (Browser browser = new Browser(1440, 1000)) {
            browser.signIn(url("audit.xhtml"), "dora");
            browser.await().textContaining(By.id("pageTitle"), "Audit trail");
            assertThat(browser.await().text(By.id("audit:headSeq"))).startsWith("seq ");

            browser.await().click(By.id("audit:checkpoint"));
            browser.await().text(
                    By.xpath("//div[contains(@class,'ui-growl-item')][contains(.,'Checkpoint signed') or contains(.,'Nothing to sign')]"));

            browser.await().click(By.id("audit:run"));
            browser.await().textContaining(By.id("audit:verdictTag"), "INTACT");
            assertThat(browser.await().text(By.id("verdict"))).startsWith("INTACT: ").contains("checkpoint");
            browser.screenshot("audit");
        }
        assertThat(count("select count(*) from audit_event where action = 'audit.verified' and actor = 'dora'"
                + " and details ->> 'channel' = 'ui'")).as("the page's verification is itself an audit event").isEqualTo(runsBefore + 1);

        try (Browser browser = new Browser(1280, 800)) {
            browser.signIn(url("audit.xhtml"), "eve");
            browser.await().text(By.id("forbidden"));
            assertThat(browser.driver().findElements(By.id("audit:run"))).isEmpty();
        }
    }

    @Test
    void rotatingTheSigningKeyIsRecordedAndTheChainVerifiesAcrossBothKeys() throws Exception {
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        String before = activeKey(admin.send("GET", "api/v1/audit/public-key", null));
        Reply rotated = admin.send("POST", "api/v1/audit/keys/rotate", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String after = activeKey(rotated);
        assertThat(after).isNotEqualTo(before);
        List<JsonObject> keys = rotated.json().getJsonArray("keys").getValuesAs(JsonObject.class);
        assertThat(keys).anySatisfy(k -> {
            assertThat(k.getString("key_id")).isEqualTo(before);
            assertThat(k.isNull("retired_at")).as("the old key is retired, and still published").isFalse();
        });
        assertThat(count("select count(*) from audit_event where action = 'audit.key_rotated' and actor = 'alice'"
                + " and details ->> 'keyId' = '" + after + "' and details ->> 'previousKeyId' = '" + before + "'")).isEqualTo(1);
        assertThat(count("select count(*) from audit_checkpoint where key_id = '" + after + "'")).as("the new key signs").isPositive();

        Reply verified = new ApiClient(base).as(Keycloak.userToken("dora")).send("POST", "api/v1/audit/verify", "{}");
        assertThat(verified.json().getBoolean("intact")).as(verified.body()).isTrue();
        assertThat(new ApiClient(base).as(Keycloak.userToken("dora")).send("POST", "api/v1/audit/keys/rotate", "").status())
                .as("auditors verify but do not rotate").isEqualTo(403);
    }

    private static String activeKey(Reply keys) {
        return keys.json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(k -> k.isNull("retired_at")).map(k -> k.getString("key_id")).findFirst().orElseThrow();
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = TestDatabase.open(); PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
