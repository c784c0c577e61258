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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pageTitle")));
            assertThat(page.findElement(By.id("pageTitle")).getText()).isEqualTo("Masking");
            assertThat(page.findElement(By.id("navMasking")).isDisplayed()).isTrue();

            page.findElement(By.id("rules:newRule")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("ruleForm:name")));
            page.findElement(By.id("ruleForm:name")).sendKeys(rule);
            browser.driver().executeScript("PF(arguments[0]).selectValue(arguments[1])", widget(page, "ruleForm:connection"), connection);
            // The new-rule defaults: content the us-ssn detector finds, redacted.
            fill(page, "ruleForm:placeholder", "XXX-XX-XXXX");
            page.findElement(By.id("ruleForm:saveRule")).click();

            WebElement created = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[.//span[contains(@class,'masking-rule-name') and text()='" + rule + "']]")));
            assertThat(created.getText()).contains("us-ssn").contains("XXX-XX-XXXX").contains(connection);
            browser.screenshot("masking-rule-added");

            browser.driver().executeScript("PF(arguments[0]).selectValue(arguments[1])", widget(page, "dryRun:dryConnection"), connection);
            page.findElement(By.id("dryRun:runDryRun")).click();
            WebElement outcome = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("dryRun:dryOutcome")));
            assertThat(outcome.getText()).contains("XXX-XX-XXXX").contains(rule).doesNotContain("123-45-6789");
            browser.driver().executeScript("arguments[0].scrollIntoView()", outcome);
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

    private static void fill(WebDriver page, String id, String value) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
