package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin in headless Chromium manages a connection's guardrails: adds a rule through the dialog,
 * is told by a growl what is wrong with an empty one, applies a pack, and checks with the dry run
 * that a DROP TABLE would be denied by the pack's rule.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuardrailsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void adminAddsARuleAppliesAPackAndDryRunsADrop() throws Exception {
        String connection = "ui-gr-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(base).as(Keycloak.userToken("alice"));
        assertThat(api.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}"""
                .formatted(connection)).status()).isEqualTo(201);

        try (Browser browser = new Browser(1440, 1000)) {
            WebDriver page = browser.driver();
            browser.signIn(url("guardrails.xhtml"), "alice");
            assertThat(browser.await().text(By.id("pageTitle"))).isEqualTo("Guardrails");
            browser.await().text(By.id("navGuardrails"));
            browser.screenshot("guardrails-global");

            // A link can open a connection's scope directly; the scope menu shows it.
            page.get(url("guardrails.xhtml?scope=" + connection));
            browser.await().textContaining(By.id("rules:ruleTable"), "Rules of " + connection);

            // An empty rule is refused, and the growl says why.
            browser.await().click(By.id("rules:newRule"));
            browser.await().text(By.id("ruleForm:name"));
            browser.await().type(By.id("ruleForm:name"), "ui-empty");
            browser.await().click(By.id("ruleForm:saveRule"));
            assertThat(growlText(browser)).contains("conditions");
            clearGrowl(browser);

            // A real rule: DELETE on payments.*, through the multi-select and the chips.
            browser.await().type(By.id("ruleForm:name"), "ui-no-delete-on-payments");
            pickStatement(browser, "DELETE");
            browser.await().type(By.cssSelector("[id='ruleForm:tables'] input"), "payments.*", Keys.ENTER);
            browser.await().type(By.id("ruleForm:message"), "deleting payments needs a ticket");
            browser.await().click(By.id("ruleForm:saveRule"));
            String created = browser.await().text(
                    By.xpath("//tr[.//span[contains(@class,'rule-name') and text()='ui-no-delete-on-payments']]"));
            assertThat(created).contains("DENY").contains("DELETE").contains("on payments.*");
            browser.screenshot("guardrails-rule-added");

            // A pack: its rules are copied to the end of this connection's rules.
            clearGrowl(browser);
            browser.await().click(By.xpath("//div[contains(@class,'gh-pack')][.//h3[text()='no-destructive-ddl']]//button"));
            assertThat(growlText(browser)).contains("no-destructive-ddl applied");
            browser.await().text(
                    By.xpath("//span[contains(@class,'rule-name') and text()='no-drop-or-truncate']"));
            List<String> order = browser.await().texts(By.cssSelector(".rule-name"));
            assertThat(order).containsExactly("ui-no-delete-on-payments", "no-drop-or-truncate", "no-do-blocks");
            browser.screenshot("guardrails");

            // Move the pack's first rule to the top.
            browser.await().click(By.xpath("//tr[.//span[text()='no-drop-or-truncate']]//button[contains(@id,':up')]"));
            browser.await().textEquals(By.cssSelector(".rule-name"), "no-drop-or-truncate");

            // The dry run: DROP TABLE is denied by the pack's rule, SELECT is not.
            browser.driver().executeScript("PF('dryRunConnection').selectValue(arguments[0])", connection);
            browser.await().type(By.id("dryRun:sql"), "DROP TABLE t");
            browser.await().click(By.id("dryRun:runDryRun"));
            String decision = browser.await().text(By.id("dryRun:decision"));
            assertThat(decision).isEqualTo("DENY");
            assertThat(browser.await().text(By.id("dryRun:decisionRule"))).contains("no-drop-or-truncate");
            assertThat(browser.await().text(By.id("dryRun:analysis"))).contains("DROP").contains("TABLE");
            browser.driver().executeScript("document.getElementById('dryRun:sql').scrollIntoView()");
            browser.screenshot("guardrails-dry-run");

            browser.await().type(By.id("dryRun:sql"), "SELECT 1");
            browser.await().click(By.id("dryRun:runDryRun"));
            browser.await().textContaining(By.id("dryRun:decision"), "ALLOW");

            // The scope menu switches to the global rules.
            browser.await().until(d -> {
                new Select(d.findElement(By.id("rules:scope"))).selectByVisibleText("Global (every connection)");
                return true;
            });
            browser.await().textContaining(By.id("rules:ruleTable"), "Global rules");
        }
    }

    /** Opens the statement multi-select, narrows it with its filter and ticks one entry. */
    private static void pickStatement(Browser browser, String value) {
        browser.await().click(By.cssSelector("[id='ruleForm:statements'] .ui-selectcheckboxmenu-trigger"));
        browser.await().type(By.cssSelector("[id='ruleForm:statements_panel'] .ui-selectcheckboxmenu-filter-container input"), value);
        browser.await().click(By.xpath(
                "//*[@id='ruleForm:statements_panel']//li[@data-item-value='" + value + "']//div[contains(@class,'ui-chkbox-box')]"));
        // Close the panel so the dialog's other fields are reachable again.
        browser.await().click(By.cssSelector("[id='ruleForm:statements'] .ui-selectcheckboxmenu-trigger"));
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static void clearGrowl(Browser browser) {
        browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
    }

    private static String growlText(Browser browser) {
        return browser.await().text(By.cssSelector(".ui-growl-item"));
    }
}
