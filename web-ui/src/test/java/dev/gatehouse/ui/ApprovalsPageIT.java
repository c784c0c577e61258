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
 * A two-step access request through the pages, with real Keycloak users in headless Chromium:
 * eve asks in My requests and may not open the inbox; bob cannot reject without a comment (in the
 * browser, nor when the browser's check is bypassed), approves step 1 and no longer sees the
 * request; carol approves step 2 from her inbox; eve sees it approved, and an admin sees the
 * finished process.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void eveAsksBobAndCarolApproveInTurnEveSeesItApproved() throws Exception {
        String connection = "ui-ap-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        assertThat(admin.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}"""
                .formatted(connection)).status()).isEqualTo(201);

        String requestId;
        try (Browser eve = new Browser(1440, 1000)) {
            WebDriver page = eve.driver();
            eve.signIn(url("my-requests.xhtml"), "eve");
            eve.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("newRequest:submit")));
            assertThat(page.findElements(By.id("navApprovals"))).as("no inbox in eve's menu").isEmpty();

            // Without a reason the form says what is missing and files nothing.
            page.findElement(By.id("newRequest:submit")).click();
            eve.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("newRequest:connectionMessage"), "Choose a connection"));
            assertThat(page.findElements(By.cssSelector(".request-id"))).isEmpty();

            eve.driver().executeScript("PF('requestConnection').selectValue(arguments[0])", connection);
            fill(page, "newRequest:reason", "INC-7: fix the stuck payout");
            page.findElement(By.id("newRequest:submit")).click();
            WebElement id = eve.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".request-id")));
            requestId = id.getText().strip();
            assertThat(page.findElement(By.cssSelector(".request-status")).getText()).isEqualTo("PENDING");
            eve.screenshot("my-requests");

            // The inbox is for approvers: eve gets the friendly 403 page.
            page.get(url("approvals.xhtml?id=" + requestId));
            eve.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden")));
        }

        try (Browser bob = new Browser(1440, 1100)) {
            WebDriver page = bob.driver();
            bob.signIn(url("approvals.xhtml?id=" + requestId), "bob");
            bob.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("decision:reject")));
            assertThat(page.findElement(By.id("requester")).getText()).contains("eve").contains("person");
            assertThat(page.findElement(By.id("connection")).getText()).isEqualTo(connection);
            assertThat(page.findElement(By.id("reason")).getText()).isEqualTo("INC-7: fix the stuck payout");
            assertThat(page.findElement(By.id("inboxForm:inbox")).getText()).contains(requestId).contains("eve");
            assertThat(page.findElement(By.id("timeLeft")).getText()).contains("left");

            // Reject without a comment: the browser refuses to send it ...
            page.findElement(By.id("decision:reject")).click();
            assertThat(bob.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("commentRequired"))).getText())
                    .contains("needs a comment");
            // ... and so does the server when the browser's check is bypassed.
            bob.driver().executeScript("document.getElementById('decision:reject').onclick = null");
            page.findElement(By.id("decision:reject")).click();
            bob.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision:commentMessage"), "needs a comment"));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("PENDING");
            bob.screenshot("approvals-inbox");

            page.findElement(By.id("decision:approve")).click();
            bob.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("decisions"), "APPROVE"));
            assertThat(page.findElement(By.id("decisions")).getText()).contains("bob").contains("Approver");
            assertThat(page.findElement(By.id("waiting")).getText()).contains("Second approver").contains("gatehouse-approver");
            // Segregation of duties: bob decided step 1, so step 2 is not his, and the inbox no longer lists it.
            bob.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notYours")));
            assertThat(page.findElement(By.id("inboxForm:inbox")).getText()).doesNotContain(requestId);
        }

        try (Browser carol = new Browser(1440, 1100)) {
            WebDriver page = carol.driver();
            carol.signIn(url("approvals.xhtml"), "carol");
            WebElement link = carol.await().until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//tr[.//div[text()='" + requestId + "']]//a[contains(@class,'inbox-request')]")));
            link.click();
            carol.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("decision:claim"))).click();
            carol.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("decision:unclaim")));
            assertThat(page.findElement(By.id("waiting")).getText()).contains("carol");
            carol.screenshot("approvals-claimed");
            fill(page, "decision:comment", "checked with the on-call DBA");
            page.findElement(By.id("decision:approve")).click();
            carol.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "APPROVED"));
            assertThat(page.findElement(By.id("decisions")).getText()).contains("carol").contains("checked with the on-call DBA");
            assertThat(page.findElements(By.id("decision:approve"))).as("an ended request takes no decisions").isEmpty();
            carol.screenshot("approvals-approved");
        }

        try (Browser eve = new Browser(1440, 1000)) {
            eve.signIn(url("my-requests.xhtml"), "eve");
            eve.await().until(ExpectedConditions.textToBePresentInElementLocated(
                    By.xpath("//tr[.//div[text()='" + requestId + "']]"), "APPROVED"));
            assertThat(eve.driver().findElement(By.xpath("//tr[.//div[text()='" + requestId + "']]")).getText()).contains("2 of 2");
        }

        try (Browser alice = new Browser(1440, 1000)) {
            alice.signIn(url("processes.xhtml?state=FINISHED"), "alice");
            WebElement row = alice.await().until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tr[.//a[text()='" + requestId + "']]")));
            assertThat(row.getText()).contains("gatehouse-access-request").contains("eve").contains("APPROVED");
            alice.screenshot("processes");
        }
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }

    private static void fill(WebDriver page, String id, String value) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
