package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import java.net.URL;
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
 * An admin in headless Chromium creates a masking rule for one connection through the dialog, sees
 * it listed, and checks with the dry run that an SSN would leave the gateway redacted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MaskingPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void adminCreatesARuleSeesItListedAndDryRunsAnSsn() throws Exception {
        String connection = "ui-mask-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(base).as(Keycloak.userToken("alice"));
        assertThat(api.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}"""
                .formatted(connection)).status()).isEqualTo(201);
        String rule = "ui-ssn-" + connection;

        try (Browser browser = new Browser(1440, 1000)) {
            WebDriver page = browser.driver();
            browser.signIn(url("masking.xhtml"), "alice");
            assertThat(browser.await().text(By.id("pageTitle"))).isEqualTo("Masking");
            browser.await().text(By.id("navMasking"));

            browser.await().click(By.id("rules:newRule"));
            browser.await().text(By.id("ruleForm:name"));
            browser.await().type(By.id("ruleForm:name"), rule);
            browser.driver().executeScript("PF(arguments[0]).selectValue(arguments[1])", widget(page, "ruleForm:connection"), connection);
            // The new-rule defaults: content the us-ssn detector finds, redacted.
            browser.await().type(By.id("ruleForm:placeholder"), "XXX-XX-XXXX");
            browser.await().click(By.id("ruleForm:saveRule"));

            String created = browser.await().text(
                    By.xpath("//tr[.//span[contains(@class,'masking-rule-name') and text()='" + rule + "']]"));
            assertThat(created).contains("us-ssn").contains("XXX-XX-XXXX").contains(connection);
            browser.screenshot("masking-rule-added");

            browser.driver().executeScript("PF(arguments[0]).selectValue(arguments[1])", widget(page, "dryRun:dryConnection"), connection);
            browser.await().click(By.id("dryRun:runDryRun"));
            String outcome = browser.await().text(By.id("dryRun:dryOutcome"));
            assertThat(outcome).contains("XXX-XX-XXXX").contains(rule).doesNotContain("123-45-6789");
            browser.driver().executeScript("document.getElementById('dryRun:dryOutcome').scrollIntoView()");
            browser.screenshot("masking-dry-run");
        }
    }

    /** The PrimeFaces widget variable of a component, which PrimeFaces derives from its client id. */
    private static String widget(WebDriver page, String clientId) {
        return "widget_" + clientId.replace(':', '_');
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
