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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

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
            browser.await().click(By.cssSelector("#navSessions a, a#navSessions"));
            browser.await().textEquals(By.id("pageTitle"), "Sessions");

            browser.await().type(By.id("list:connection"), connection);
            browser.await().click(By.id("list:search"));
            // The table is replaced by the AJAX update: the rows' texts are read in the poll that saw both.
            List<String> rows = browser.await().until(d -> {
                List<String> texts = sessionRowTexts(d);
                return texts.size() == 2 && texts.stream().allMatch(text -> text.contains(connection)) ? texts : null;
            });
            assertThat(rows.get(0)).as("newest first: the live agent session").contains("ci-agent").contains("active");
            assertThat(rows.get(1)).contains("alice").contains("ended").contains("client terminated");
            assertThat(browser.await().text(By.cssSelector("[id='list:sessions'] .ui-paginator-current")))
                    .as("the total follows the filter").isEqualTo("1-2 of 2");
            browser.screenshot("sessions");

            browser.await().click(By.xpath("(//tbody[@id='list:sessions_data']/tr//a[contains(@class,'session-link')])[2]"));
            browser.await().textEquals(By.id("pageTitle"), "Session " + ended.toString().substring(0, 8));
            List<String> sql = browser.await().texts(By.cssSelector(".statement-sql"));
            assertThat(sql).containsExactly("select 1", "insert into orders (id, blob, note) values ($1, $2, $3)", "select 1/0");
            assertThat(browser.await().text(By.cssSelector(".statement-params")))
                    .contains("$1 = '42' (int4)").contains("$2 = <binary, 16 bytes> (bytea)").contains("$3 = NULL (text)");
            assertThat(browser.await().text(By.cssSelector("tr.gh-failed"))).contains("SQLSTATE 22012").contains("division by zero");
            assertThat(browser.await().text(By.id("facts"))).contains("alice").contains(connection).contains("client terminated");
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
            browser.signIn(url("session.xhtml?id=" + live), "dora");
            browser.await().textEquals(By.id("status"), "active");
            assertThat(browser.await().texts(By.cssSelector(".statement-sql"))).containsExactly("select 1");
            // A marker that a reload would wipe out.
            browser.driver().executeScript("window.gatehouseSamePage = true;");

            assertThat(scenarios().run("appendStatement", Map.of("session", live.toString(), "sequence", "2",
                    "sql", "select now() -- typed while you watch"))).isEqualTo("PASSED");
            browser.await().until(d -> statementTexts(d).contains("select now() -- typed while you watch"));
            assertThat(browser.await().text(By.id("statementCount"))).isEqualTo("2");
            assertThat(browser.driver().executeScript("return window.gatehouseSamePage === true;")).isEqualTo(true);
            browser.screenshot("session-live");

            assertThat(scenarios().run("endSession", Map.of("session", live.toString(), "statements", "2"))).isEqualTo("PASSED");
            browser.await().textEquals(By.id("status"), "ended");
            browser.await().upTo(Duration.ofSeconds(5))
                    .until(d -> Boolean.FALSE.equals(browser.driver().executeScript("return PF('livePoll').isActive();")));
            assertThat(browser.driver().executeScript("return window.gatehouseSamePage === true;")).isEqualTo(true);
        }
    }

    @Test
    void aPlainUserCannotOpenSessions() throws Exception {
        try (Browser browser = new Browser(1280, 900)) {
            WebDriver page = browser.driver();
            browser.signIn(url("sessions.xhtml"), "eve");
            browser.await().text(By.id("forbidden"));
            assertThat(page.findElements(By.id("navSessions"))).as("no audit navigation for eve").isEmpty();
        }
    }

    private Scenarios scenarios() {
        return new Scenarios(base, "it/recording-scenarios");
    }

    /** The texts of the rows that link to a session (an empty table has one "no records" row). */
    private static List<String> sessionRowTexts(WebDriver page) {
        return page.findElements(By.cssSelector("[id='list:sessions_data'] > tr")).stream()
                .filter(r -> !r.findElements(By.cssSelector("a.session-link")).isEmpty())
                .map(WebElement::getText)
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
