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
            assertThat(browser.await().text(By.id("pageTitle"))).isEqualTo("Connections");
            browser.screenshot("01-connections-list");

            browser.await().click(By.id("newConnection"));
            browser.await().text(By.id("form:name"));
            browser.await().type(By.id("form:name"), name);
            browser.await().type(By.id("form:host"), "127.0.0.1");
            browser.await().type(By.id("form:port"), String.valueOf(target.port()));
            browser.await().type(By.id("form:database"), target.database());
            browser.await().type(By.id("form:username"), PasswordCheckingPostgres.ROLE);
            browser.await().type(By.id("form:secret"), target.password());
            browser.await().type(By.id("form:labels"), "env=test, team=platform");
            browser.await().type(By.id("form:allowedRoles"), "gatehouse-user");
            browser.screenshot("02-connection-new");
            browser.await().click(By.cssSelector("[id='form:requireClientTls'] .ui-chkbox-box"));

            browser.await().click(By.id("form:test"));
            String outcome = browser.await().text(By.id("form:testOutcome"));
            assertThat(outcome).contains("Connection works").contains("Connected to PostgreSQL");
            browser.screenshot("03-connection-test-success");

            browser.await().click(By.id("form:save"));
            browser.await().text(By.linkText(name));
            assertThat(page.getPageSource()).doesNotContain(target.password());
            assertThat(browser.await().text(rowOf(name))).contains("set").contains("127.0.0.1:" + target.port()).contains("client TLS");
            browser.screenshot("04-connections-with-row");

            // From the list, the stored (encrypted) secret is used: the test must really log in.
            clearGrowl(browser);
            browser.await().click(testButtonOf(name));
            assertThat(growlText(browser)).contains("succeeded").contains("Connected to PostgreSQL");

            // Edit: the form never shows the stored secret; a wrong one makes the test fail clearly.
            browser.await().click(By.linkText(name));
            browser.await().text(By.id("form:secret"));
            assertThat(browser.await().property(By.id("form:secret"), "value")).isEmpty();
            assertThat(page.getPageSource()).doesNotContain(target.password());
            assertThat(browser.await().text(By.id("form:secretState"))).isEqualTo("set");
            browser.screenshot("05-connection-edit");
            browser.await().type(By.id("form:secret"), "definitely-wrong-password");
            browser.await().click(By.id("form:save"));
            browser.await().text(By.linkText(name));

            clearGrowl(browser);
            browser.await().click(testButtonOf(name));
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
            browser.await().text(By.id("form:name"));
            browser.await().type(By.id("form:name"), "Bad Name!");
            browser.await().type(By.id("form:port"), "70000");
            browser.await().type(By.id("form:database"), "");
            browser.await().click(By.id("form:save"));
            browser.await().text(By.cssSelector("[id='form:name'] ~ .ui-message-error, .ui-message-error"));
            String source = page.getPageSource();
            assertThat(source).contains("Name must be 1-63 characters").contains("Port must be between 1 and 65535")
                    .contains("Database is required");
            browser.screenshot("07-connection-validation");
        }
    }

    @Test
    void listIsUsableOnAWideScreen() throws Exception {
        try (Browser browser = new Browser(1920, 1080)) {
            browser.signIn(url("connections.xhtml"), "alice");
            browser.await().text(By.id("newConnection"));
            browser.await().text(By.id("mainMenu"));
            browser.screenshot("08-connections-1920");
        }
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only, whatever address Arquillian reports. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static By rowOf(String name) {
        return By.xpath("//tr[.//a[normalize-space(text())='" + name + "']]");
    }

    private static By testButtonOf(String name) {
        return By.xpath("//tr[.//a[normalize-space(text())='" + name + "']]//button[contains(@id,':test')]");
    }

    /** Removes earlier growl messages (e.g. "Saved" after a redirect) so the next read is the fresh outcome. */
    private static void clearGrowl(Browser browser) {
        browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
    }

    private static String growlText(Browser browser) {
        return browser.await().text(By.cssSelector(".ui-growl-item"));
    }
}
