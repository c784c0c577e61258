package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Scenarios;
import dev.gatehouse.recording.RecordingScenariosServlet;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An auditor in headless Chromium finds recorded sessions, reads one's statements, and watches a
 * live session grow without reloading the page. The sessions are recorded through the real
 * recorder by {@link RecordingScenariosServlet}, playing the data path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAuditorFiltersSessionsAndReadsOne() throws Exception {
        String connection = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        UUID ended = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        assertThat(scenarios().run("recordCompleteSession", Map.of("session", ended.toString(), "connection", connection))).isEqualTo("PASSED");
        assertThat(scenarios().run("recordSession", Map.of("session", live.toString(), "connection", connection, "identity", "ci-agent",
                "kind", "agent", "statements", "2", "active", "true"))).isEqualTo("PASSED");
        assertThat(scenarios().run("recordSession", Map.of("session", UUID.randomUUID().toString(), "connection", "elsewhere-" + connection,
                "identity", "bob", "kind", "human", "statements", "1"))).isEqualTo("PASSED");

        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("index.xhtml"), "dora");
            browser.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#navSessions a, a#navSessions"))).click();
            browser.await().until(ExpectedConditions.textToBe(By.id("pageTitle"), "Sessions"));

            WebElement filter = page.findElement(By.id("list:connection"));
            filter.clear();
            filter.sendKeys(connection);
            page.findElement(By.id("list:search")).click();
            // The table is replaced by the AJAX update: rows found before it may go stale while we look.
            browser.await().ignoring(StaleElementReferenceException.class).until(d -> sessionRows(d).size() == 2
                    && sessionRows(d).stream().allMatch(r -> r.getText().contains(connection)));
            List<WebElement> rows = sessionRows(page);
            assertThat(rows.get(0).getText()).as("newest first: the live agent session").contains("ci-agent").contains("active");
            assertThat(rows.get(1).getText()).contains("alice").contains("ended").contains("client terminated");
            assertThat(page.findElement(By.cssSelector("[id='list:sessions'] .ui-paginator-current")).getText())
                    .as("the total follows the filter").isEqualTo("1-2 of 2");
            browser.screenshot("sessions");

            rows.get(1).findElement(By.cssSelector("a.session-link")).click();
            browser.await().until(ExpectedConditions.textToBe(By.id("pageTitle"), "Session " + ended.toString().substring(0, 8)));
            List<String> sql = page.findElements(By.cssSelector(".statement-sql")).stream().map(WebElement::getText).toList();
            assertThat(sql).containsExactly("select 1", "insert into orders (id, blob, note) values ($1, $2, $3)", "select 1/0");
            assertThat(page.findElement(By.cssSelector(".statement-params")).getText())
                    .contains("$1 = '42' (int4)").contains("$2 = <binary, 16 bytes> (bytea)").contains("$3 = NULL (text)");
            WebElement failed = page.findElement(By.cssSelector("tr.gh-failed"));
            assertThat(failed.getText()).contains("SQLSTATE 22012").contains("division by zero");
            assertThat(page.findElement(By.id("facts")).getText()).contains("alice").contains(connection).contains("client terminated");
            assertThat(page.findElements(By.id("live:poll"))).as("no live polling for an ended session").isEmpty();
            browser.screenshot("session-detail");
        }
    }

    @Test
    void aLiveSessionShowsNewStatementsWithoutReload() throws Exception {
        String connection = "live-" + UUID.randomUUID().toString().substring(0, 8);
        UUID live = UUID.randomUUID();
        assertThat(scenarios().run("recordSession", Map.of("session", live.toString(), "connection", connection, "identity", "alice",
                "kind", "human", "statements", "1", "active", "true"))).isEqualTo("PASSED");

        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("session.xhtml?id=" + live), "dora");
            browser.await().until(ExpectedConditions.textToBe(By.id("status"), "active"));
            assertThat(statementTexts(page)).containsExactly("select 1");
            // A marker that a reload would wipe out.
            browser.driver().executeScript("window.gatehouseSamePage = true;");

            assertThat(scenarios().run("appendStatement", Map.of("session", live.toString(), "sequence", "2",
                    "sql", "select now() -- typed while you watch"))).isEqualTo("PASSED");
            browser.await().ignoring(StaleElementReferenceException.class)
                    .until(d -> statementTexts(d).contains("select now() -- typed while you watch"));
            assertThat(page.findElement(By.id("statementCount")).getText()).isEqualTo("2");
            assertThat(browser.driver().executeScript("return window.gatehouseSamePage === true;")).isEqualTo(true);
            browser.screenshot("session-live");

            assertThat(scenarios().run("endSession", Map.of("session", live.toString(), "statements", "2"))).isEqualTo("PASSED");
            browser.await().until(ExpectedConditions.textToBe(By.id("status"), "ended"));
            new org.openqa.selenium.support.ui.WebDriverWait(page, Duration.ofSeconds(5))
                    .until(d -> Boolean.FALSE.equals(browser.driver().executeScript("return PF('livePoll').isActive();")));
            assertThat(browser.driver().executeScript("return window.gatehouseSamePage === true;")).isEqualTo(true);
        }
    }

    @Test
    void aPlainUserCannotOpenSessions() throws Exception {
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("sessions.xhtml"), "eve");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden")));
            assertThat(page.findElements(By.id("navSessions"))).as("no audit navigation for eve").isEmpty();
        }
    }

    private Scenarios scenarios() {
        return new Scenarios(base, "it/recording-scenarios");
    }

    private static List<WebElement> sessionRows(WebDriver page) {
        return page.findElements(By.cssSelector("[id='list:sessions_data'] > tr")).stream()
                .filter(r -> !r.findElements(By.cssSelector("a.session-link")).isEmpty())
                .toList();
    }

    private static List<String> statementTexts(WebDriver page) {
        return page.findElements(By.cssSelector(".statement-sql")).stream().map(WebElement::getText).toList();
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only, whatever address Arquillian reports. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
