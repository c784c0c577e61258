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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pageTitle")));
            assertThat(page.findElement(By.id("pageTitle")).getText()).isEqualTo("Guardrails");
            assertThat(page.findElement(By.id("navGuardrails")).isDisplayed()).isTrue();
            browser.screenshot("guardrails-global");

            // A link can open a connection's scope directly; the scope menu shows it.
            page.get(url("guardrails.xhtml?scope=" + connection));
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules:ruleTable"), "Rules of " + connection));

            // An empty rule is refused, and the growl says why.
            page.findElement(By.id("rules:newRule")).click();
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("ruleForm:name")));
            fill(page, "ruleForm:name", "ui-empty");
            page.findElement(By.id("ruleForm:saveRule")).click();
            assertThat(growlText(browser)).contains("conditions");
            clearGrowl(browser);

            // A real rule: DELETE on payments.*, through the multi-select and the chips.
            fill(page, "ruleForm:name", "ui-no-delete-on-payments");
            pickStatement(browser, "DELETE");
            WebElement tables = page.findElement(By.cssSelector("[id='ruleForm:tables'] input"));
            tables.sendKeys("payments.*", Keys.ENTER);
            fill(page, "ruleForm:message", "deleting payments needs a ticket");
            page.findElement(By.id("ruleForm:saveRule")).click();
            WebElement created = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[.//span[contains(@class,'rule-name') and text()='ui-no-delete-on-payments']]")));
            assertThat(created.getText()).contains("DENY").contains("DELETE").contains("on payments.*");
            browser.screenshot("guardrails-rule-added");

            // A pack: its rules are copied to the end of this connection's rules.
            clearGrowl(browser);
            page.findElement(By.xpath("//div[contains(@class,'gh-pack')][.//h3[text()='no-destructive-ddl']]//button")).click();
            assertThat(growlText(browser)).contains("no-destructive-ddl applied");
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//span[contains(@class,'rule-name') and text()='no-drop-or-truncate']")));
            List<String> order = page.findElements(By.cssSelector(".rule-name")).stream().map(WebElement::getText).toList();
            assertThat(order).containsExactly("ui-no-delete-on-payments", "no-drop-or-truncate", "no-do-blocks");
            browser.screenshot("guardrails");

            // Move the pack's first rule to the top.
            page.findElement(By.xpath("//tr[.//span[text()='no-drop-or-truncate']]//button[contains(@id,':up')]")).click();
            browser.await().until(d -> d.findElements(By.cssSelector(".rule-name")).get(0).getText().equals("no-drop-or-truncate"));

            // The dry run: DROP TABLE is denied by the pack's rule, SELECT is not.
            browser.driver().executeScript("PF('dryRunConnection').selectValue(arguments[0])", connection);
            fill(page, "dryRun:sql", "DROP TABLE t");
            page.findElement(By.id("dryRun:runDryRun")).click();
            WebElement decision = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("dryRun:decision")));
            assertThat(decision.getText()).isEqualTo("DENY");
            assertThat(page.findElement(By.id("dryRun:decisionRule")).getText()).contains("no-drop-or-truncate");
            assertThat(page.findElement(By.id("dryRun:analysis")).getText()).contains("DROP").contains("TABLE");
            browser.driver().executeScript("document.getElementById('dryRun:sql').scrollIntoView()");
            browser.screenshot("guardrails-dry-run");

            fill(page, "dryRun:sql", "SELECT 1");
            page.findElement(By.id("dryRun:runDryRun")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("dryRun:decision"), "ALLOW"));

            // The scope menu switches to the global rules.
            new Select(page.findElement(By.id("rules:scope"))).selectByVisibleText("Global (every connection)");
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules:ruleTable"), "Global rules"));
        }
    }

    /** Opens the statement multi-select, narrows it with its filter and ticks one entry. */
    private static void pickStatement(Browser browser, String value) {
        WebDriver page = browser.driver();
        page.findElement(By.cssSelector("[id='ruleForm:statements'] .ui-selectcheckboxmenu-trigger")).click();
        WebElement filter = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='ruleForm:statements_panel'] .ui-selectcheckboxmenu-filter-container input")));
        filter.sendKeys(value);
        browser.await().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@id='ruleForm:statements_panel']//li[@data-item-value='" + value + "']//div[contains(@class,'ui-chkbox-box')]"))).click();
        // Close the panel so the dialog's other fields are reachable again.
        page.findElement(By.cssSelector("[id='ruleForm:statements'] .ui-selectcheckboxmenu-trigger")).click();
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static void fill(WebDriver page, String id, String value) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void clearGrowl(Browser browser) {
        browser.driver().executeScript("document.querySelectorAll('.ui-growl-item-container').forEach(e => e.remove());");
    }

    private static String growlText(Browser browser) {
        return browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-growl-item"))).getText();
    }
}
