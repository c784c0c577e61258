package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.transport.HttpReceiver;
import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * An admin in headless Chromium adds a SIEM sink through the dialog, watches it deliver and sends a
 * test event; an auditor sees the same status without any of the controls.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SiemPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAdminAddsAndTestsASinkAndAnAuditorOnlyReadsIt() throws Exception {
        String name = "ui-siem-" + UUID.randomUUID().toString().substring(0, 8);
        try (HttpReceiver siem = HttpReceiver.start()) {
            try (Browser browser = new Browser(1440, 1000)) {
                WebDriver page = browser.driver();
                browser.signIn(url("siem.xhtml"), "alice");
                browser.await().textContaining(By.id("pageTitle"), "SIEM export");
                browser.await().text(By.id("navSiem"));

                // The page polls the sinks' status and re-renders the table: every step locates afresh.
                browser.await().click(By.id("pageActions:newSink"));
                browser.await().type(By.id("sinkForm:name"), name);
                browser.await().type(By.id("sinkForm:endpoint"), siem.uri("/ui").toString());
                browser.await().type(By.id("sinkForm:token"), "ui-token-never-shown");
                browser.await().click(By.xpath("//label[contains(text(),'Now (only new events)')]"));
                browser.await().click(By.id("sinkForm:saveSink"));

                String row = browser.await().text(
                        By.xpath("//tr[.//span[contains(@class,'sink-name') and text()='" + name + "']]"));
                assertThat(row).contains("ndjson").contains("http").contains("token set");
                assertThat(page.getPageSource()).doesNotContain("ui-token-never-shown");

                // Its first event is its own creation; the status poll shows the delivery.
                siem.awaitLines(1, Duration.ofSeconds(30));
                assertThat(siem.requests().getFirst().authorization()).isEqualTo("Bearer ui-token-never-shown");
                browser.await().text(By.xpath("//tr[.//span[text()='" + name + "']]//span[contains(@class,'sink-delivered')]"),
                        "count a delivery", delivered -> !delivered.equals("0"));

                browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
                browser.await().click(By.xpath("//tr[.//span[text()='" + name + "']]//button[contains(@id,':test')]"));
                String growl = browser.await().text(
                        By.xpath("//div[contains(@class,'ui-growl-item')][contains(.,'Test event to')]"));
                assertThat(growl).contains("succeeded");
                browser.screenshot("siem");
            }

            try (Browser browser = new Browser(1440, 900)) {
                WebDriver page = browser.driver();
                browser.signIn(url("siem.xhtml"), "dora");
                browser.await().text(By.xpath("//span[text()='" + name + "']"));
                assertThat(page.findElements(By.id("pageActions:newSink"))).isEmpty();
                assertThat(page.findElements(By.xpath("//button[contains(@id,':test')]"))).isEmpty();
                assertThat(page.findElements(By.id("sinkForm:saveSink"))).isEmpty();
                browser.screenshot("siem-auditor");
            }
        } finally {
            ApiClient api = new ApiClient(base).as(Keycloak.userToken("alice"));
            for (JsonObject sink : ((JsonArray) api.send("GET", "api/v1/audit/sinks", null).structure()).getValuesAs(JsonObject.class)) {
                if (sink.getString("name").equals(name)) {
                    api.send("DELETE", "api/v1/audit/sinks/" + sink.getString("id"), null);
                }
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
