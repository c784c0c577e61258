package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Scenarios;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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

/**
 * In headless Chromium: an auditor places a legal hold on a session from its page and finds it on
 * the retention page; an admin gives a connection its own periods and runs the purge, and sees the
 * run. Each sees only the buttons that are theirs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAuditorHoldsASessionAndAnAdminSetsRetentionAndPurges() throws Exception {
        String connection = "ui-ret-" + UUID.randomUUID().toString().substring(0, 8);
        UUID session = UUID.randomUUID();
        assertThat(new Scenarios(base, "it/retention-scenarios").run("recordSessionWithPayloads", Map.of("session", session.toString(),
                "connection", connection, "startedAt", Instant.now().minus(Duration.ofDays(3)).toString(), "statements", "2")))
                .isEqualTo("PASSED");

        try (Browser browser = new Browser(1440, 1000)) {
            WebDriver page = browser.driver();
            browser.signIn(url("session.xhtml?id=" + session), "dora");
            browser.await().textContaining(By.id("legalHold"), "none: retention applies");
            browser.await().click(By.id("holdActions:placeHold"));
            browser.await().type(By.id("holdForm:holdReason"), "matter 2026-031");
            browser.await().click(By.id("holdForm:applyHold"));
            browser.await().textContaining(By.id("legalHold"), "matter 2026-031");
            assertThat(browser.await().text(By.id("legalHold"))).contains("held").contains("by dora");
            assertThat(page.findElements(By.id("holdActions:releaseHold"))).as("auditors may release").hasSize(1);
            browser.screenshot("session-legal-hold");

            page.get(url("retention.xhtml"));
            browser.await().textEquals(By.id("pageTitle"), "Retention");
            assertThat(browser.await().text(By.id("heldSessions"))).contains(connection).contains("matter 2026-031");
            assertThat(browser.await().text(By.id("policies:policyTable"))).contains("Default (*)");
            assertThat(page.findElements(By.id("purge:runPurge"))).as("only admins purge").isEmpty();
            assertThat(page.findElements(By.id("pageActions:newPolicy"))).as("only admins set periods").isEmpty();
        }

        try (Browser browser = new Browser(1440, 1000)) {
            WebDriver page = browser.driver();
            browser.signIn(url("retention.xhtml"), "alice");
            browser.await().textEquals(By.id("pageTitle"), "Retention");

            browser.await().click(By.id("pageActions:newPolicy"));
            browser.await().text(By.id("policyForm:savePolicy"));
            browser.driver().executeScript("PF('policyConnection').selectValue(arguments[0]);"
                    + " PF('payloadDaysInput').setValue(30); PF('recordingDaysInput').setValue(90); PF('auditDaysInput').setValue(365);",
                    connection);
            browser.await().click(By.id("policyForm:savePolicy"));
            browser.await().textContaining(By.id("policies:policyTable"), connection);
            String row = browser.await().text(By.xpath("//tr[.//span[contains(@class,'policy-connection') and text()='" + connection + "']]"));
            assertThat(row).contains("30 d").contains("90 d").contains("365 d").contains("alice");

            browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
            browser.await().click(By.id("purge:runPurge"));
            // The dialog fades in and focuses its first button when shown; a click during the fade would race its hide.
            browser.await().until(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                    "return document.activeElement != null && document.activeElement.classList.contains('ui-confirmdialog-yes');")));
            browser.await().click(By.cssSelector(".ui-confirmdialog-yes"));
            assertThat(browser.await().text(By.cssSelector(".ui-growl-item")))
                    .contains("Purge succeeded");
            browser.await().textContaining(By.cssSelector("[id='purge:runs'] tbody tr"), "(ui)");
            assertThat(browser.await().text(By.cssSelector("[id='purge:runs'] tbody tr"))).contains("alice").contains("completed");
            assertThat(page.findElements(By.cssSelector("[id$=':release']"))).as("admins do not release holds").isEmpty();
            browser.await().gone(By.cssSelector(".ui-confirm-dialog"));
            browser.screenshot("retention");
        }
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
