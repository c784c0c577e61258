package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.PasswordCheckingPostgres;
import java.net.URL;
import java.nio.file.Path;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An admin in headless Chromium registers a real PostgreSQL target, tests it, breaks its password
 * and sees the failure. The target checks SCRAM passwords, so success and failure are both real.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionsPageIT {

    private static PasswordCheckingPostgres target;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startTarget() throws Exception {
        target = PasswordCheckingPostgres.start(Path.of("target"));
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void adminRegistersTestsAndBreaksAConnection() throws Exception {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("connections.xhtml"), "alice");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pageTitle")));
            assertThat(page.findElement(By.id("pageTitle")).getText()).isEqualTo("Connections");
            browser.screenshot("01-connections-list");

            page.findElement(By.id("newConnection")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("form:name")));
            fill(page, "form:name", name);
            fill(page, "form:host", "127.0.0.1");
            fill(page, "form:port", String.valueOf(target.port()));
            fill(page, "form:database", target.database());
            fill(page, "form:username", PasswordCheckingPostgres.ROLE);
            fill(page, "form:secret", target.password());
            fill(page, "form:labels", "env=test, team=platform");
            fill(page, "form:allowedRoles", "gatehouse-user");
            browser.screenshot("02-connection-new");
            page.findElement(By.cssSelector("[id='form:requireClientTls'] .ui-chkbox-box")).click();

            page.findElement(By.id("form:test")).click();
            WebElement outcome = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("form:testOutcome")));
            assertThat(outcome.getText()).contains("Connection works").contains("Connected to PostgreSQL");
            browser.screenshot("03-connection-test-success");

            page.findElement(By.id("form:save")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.linkText(name)));
            assertThat(page.getPageSource()).doesNotContain(target.password());
            assertThat(rowOf(page, name).getText()).contains("set").contains("127.0.0.1:" + target.port()).contains("client TLS");
            browser.screenshot("04-connections-with-row");

            // From the list, the stored (encrypted) secret is used: the test must really log in.
            clearGrowl(browser);
            rowOf(page, name).findElement(By.xpath(".//button[contains(@id,':test')]")).click();
            assertThat(growlText(browser)).contains("succeeded").contains("Connected to PostgreSQL");

            // Edit: the form never shows the stored secret; a wrong one makes the test fail clearly.
            page.findElement(By.linkText(name)).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("form:secret")));
            assertThat(page.findElement(By.id("form:secret")).getAttribute("value")).isEmpty();
            assertThat(page.getPageSource()).doesNotContain(target.password());
            assertThat(page.findElement(By.id("form:secretState")).getText()).isEqualTo("set");
            browser.screenshot("05-connection-edit");
            fill(page, "form:secret", "definitely-wrong-password");
            page.findElement(By.id("form:save")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.linkText(name)));

            clearGrowl(browser);
            rowOf(page, name).findElement(By.xpath(".//button[contains(@id,':test')]")).click();
            String failure = growlText(browser);
            assertThat(failure).contains("failed").contains("Authentication failed for user \"" + PasswordCheckingPostgres.ROLE + "\"");
            assertThat(failure).doesNotContain("definitely-wrong-password");
            browser.screenshot("06-connection-test-failure");
        }
    }

    @Test
    void invalidFormInputIsNamedPerField() throws Exception {
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("connection-edit.xhtml"), "alice");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("form:name")));
            fill(page, "form:name", "Bad Name!");
            fill(page, "form:port", "70000");
            fill(page, "form:database", "");
            page.findElement(By.id("form:save")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id='form:name'] ~ .ui-message-error, .ui-message-error")));
            String source = page.getPageSource();
            assertThat(source).contains("Name must be 1-63 characters").contains("Port must be between 1 and 65535")
                    .contains("Database is required");
            browser.screenshot("07-connection-validation");
        }
    }

    @Test
    void listIsUsableOnAWideScreen() throws Exception {
        try (Browser browser = new Browser(1920, 1080)) {
            WebDriver page = browser.driver();
            browser.signIn(url("connections.xhtml"), "alice");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("newConnection")));
            assertThat(page.findElement(By.id("mainMenu")).isDisplayed()).isTrue();
            browser.screenshot("08-connections-1920");
        }
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only, whatever address Arquillian reports. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static void fill(WebDriver page, String id, String value) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static WebElement rowOf(WebDriver page, String name) {
        return page.findElement(By.xpath("//tr[.//a[normalize-space(text())='" + name + "']]"));
    }

    /** Removes earlier growl messages (e.g. "Saved" after a redirect) so the next read is the fresh outcome. */
    private static void clearGrowl(Browser browser) {
        browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
    }

    private static String growlText(Browser browser) {
        return browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-growl-item"))).getText();
    }
}
