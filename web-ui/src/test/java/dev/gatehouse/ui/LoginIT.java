package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
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
 * Browser sign-in through the real Keycloak login page (authorization code + PKCE), sign-out of both
 * sessions, role-protected pages, and the agents page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aliceSignsInWorksAndSignsOutThenEveIsRefusedTheAdminPage() throws Exception {
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            page.get(url("connections.xhtml"));
            browser.await().text(By.id("kc-login"));
            assertThat(page.getCurrentUrl()).contains("/realms/gatehouse/protocol/openid-connect/auth").contains("code_challenge=");
            browser.screenshot("00-keycloak-login");

            browser.signIn(url("connections.xhtml"), "alice");
            assertThat(browser.await().text(By.id("pageTitle"))).isEqualTo("Connections");
            assertThat(browser.await().text(By.id("userName"))).isEqualTo("alice");
            assertThat(browser.await().text(By.id("currentUser"))).contains("human").contains("admin");

            browser.await().click(By.id("logout"));
            browser.await().text(By.id("loggedOut"));
            browser.screenshot("09-signed-out");
            page.get(url("connections.xhtml"));
            browser.await().text(By.id("kc-login"));
            assertThat(page.getCurrentUrl()).as("the Keycloak session ended too: the login form is shown again").contains("/realms/gatehouse/");

            browser.signIn(url("connections.xhtml"), "eve");
            browser.await().text(By.id("forbidden"));
            assertThat(page.getPageSource()).contains("Your roles do not allow this page").doesNotContain("newConnection");
            assertThat(browser.await().text(By.id("userName"))).isEqualTo("eve");
            assertThat(page.findElements(By.id("navConnections"))).as("no admin navigation for eve").isEmpty();
            browser.screenshot("10-forbidden-for-eve");

            page.get(url("index.xhtml"));
            assertThat(browser.await().text(By.id("welcome"))).contains("eve");
            browser.screenshot("11-home-eve");
        }
        assertThat(status(url("connections.xhtml"))).as("no session: redirected to the login").isEqualTo(302);
    }

    @Test
    void anAdminRegistersAnAgentAndSeesItsSecretOnce() throws Exception {
        String name = "ui-agent-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("agents.xhtml"), "alice");
            browser.await().text(By.id("register:name"));
            browser.await().type(By.id("register:name"), name);
            browser.await().type(By.id("register:description"), "Registered from the browser test");
            browser.await().click(By.id("register:registerAgent"));
            String secret = browser.await().text(By.id("clientSecret"));
            assertThat(secret).hasSizeGreaterThan(20);
            assertThat(browser.await().text(By.id("secretFor"))).isEqualTo(name);
            browser.screenshot("12-agent-secret-once");
            browser.await().click(By.id("secretForm:secretStored"));
            browser.await().gone(By.id("clientSecret"));
            browser.await().textContaining(By.id("agents:agentTable"), name);
            assertThat(page.getPageSource()).doesNotContain(secret);
            browser.screenshot("13-agents-list");
        }
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only, whatever address Arquillian reports. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static int status(String url) throws Exception {
        var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
