package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.DataPathClient;
import dev.gatehouse.it.DataPathClient.Psql;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.PasswordCheckingPostgres;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Approvals through the pages, with real Keycloak users in headless Chromium and the default
 * two-step chain. An access request: eve asks in My requests and may not open the inbox; bob
 * cannot reject without a comment (in the browser, nor when the browser's check is bypassed),
 * approves step 1 and no longer sees the request; carol claims, unclaims and approves step 2 from
 * her inbox; eve sees it approved, and an admin sees the finished process. A statement: eve's
 * psql gets "approval required: ID" for a flagged UPDATE, bob and carol approve it at the link,
 * the re-run executes once and the next run needs a new approval.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    private static final Pattern APPROVAL_REQUIRED = Pattern.compile("approval required: ([0-9a-f-]{36})");
    private static final String UPDATE = "update accounts set balance = 0 where id = 1";
    static PasswordCheckingPostgres target;

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startTarget() throws Exception {
        target = PasswordCheckingPostgres.start(Path.of("target"));
        String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/" + target.database();
        try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("create table accounts (id int primary key, balance int)");
            st.execute("insert into accounts values (1, 100)");
            st.execute("grant select, update on accounts to " + PasswordCheckingPostgres.ROLE);
        }
    }

    @AfterAll
    static void stopTarget() throws IOException {
        if (target != null) {
            target.close();
        }
    }

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
            eve.await().text(By.id("newRequest:submit"));
            assertThat(page.findElements(By.id("navApprovals"))).as("no inbox in eve's menu").isEmpty();

            // Without a connection or a reason the form says what is missing and files nothing.
            int before = page.findElements(By.cssSelector(".request-id")).size();
            eve.await().click(By.id("newRequest:submit"));
            eve.await().textContaining(By.id("newRequest:connectionMessage"), "Choose a connection");
            assertThat(eve.await().text(By.id("newRequest:reasonMessage"))).contains("Say why");
            assertThat(page.findElements(By.cssSelector(".request-id"))).hasSize(before);

            eve.driver().executeScript("PF('requestConnection').selectValue(arguments[0])", connection);
            eve.await().type(By.id("newRequest:reason"), "INC-7: fix the stuck payout");
            eve.await().click(By.id("newRequest:submit"));
            eve.await().until(d -> d.findElements(By.cssSelector(".request-id")).size() == before + 1);
            requestId = eve.await().text(By.cssSelector(".request-id")).strip();
            assertThat(eve.await().text(By.cssSelector(".request-connection"))).as("newest first").isEqualTo(connection);
            assertThat(eve.await().text(By.cssSelector(".request-status"))).isEqualTo("RUNNING");
            eve.screenshot("my-requests");

            // The inbox is for approvers: eve gets the friendly 403 page.
            page.get(url("approvals.xhtml?id=" + requestId));
            eve.await().text(By.id("forbidden"));
        }

        try (Browser bob = new Browser(1440, 1100)) {
            bob.signIn(url("approvals.xhtml?id=" + requestId), "bob");
            bob.await().text(By.id("decision:reject"));
            assertThat(bob.await().text(By.id("requester"))).contains("eve").contains("person");
            assertThat(bob.await().text(By.id("connection"))).isEqualTo(connection);
            assertThat(bob.await().text(By.id("reason"))).isEqualTo("INC-7: fix the stuck payout");
            assertThat(bob.await().text(By.id("inboxForm:inbox"))).contains(requestId).contains("eve");
            assertThat(bob.await().text(By.id("timeLeft"))).contains("left");

            // Reject without a comment: the browser refuses to send it ...
            bob.await().click(By.id("decision:reject"));
            assertThat(bob.await().text(By.id("commentRequired")))
                    .contains("needs a comment");
            // ... and so does the server when the browser's check is bypassed.
            bob.driver().executeScript("document.getElementById('decision:reject').onclick = null");
            bob.await().click(By.id("decision:reject"));
            bob.await().textContaining(By.id("decision:commentMessage"), "needs a comment");
            assertThat(bob.await().text(By.id("status"))).isEqualTo("RUNNING");
            bob.screenshot("approvals-inbox");

            bob.await().click(By.id("decision:approve"));
            bob.await().textContaining(By.id("decisions"), "APPROVE");
            assertThat(bob.await().text(By.id("decisions"))).contains("bob").contains("First approval");
            assertThat(bob.await().text(By.id("waiting"))).contains("Second approval").contains("gatehouse-approver");
            // Segregation of duties: bob decided step 1, so step 2 is not his, and the inbox no longer lists it.
            bob.await().text(By.id("notYours"));
            assertThat(bob.await().text(By.id("inboxForm:inbox"))).doesNotContain(requestId);
        }

        try (Browser carol = new Browser(1440, 1100)) {
            WebDriver page = carol.driver();
            carol.signIn(url("approvals.xhtml"), "carol");
            carol.await().click(By.xpath("//tr[.//div[text()='" + requestId + "']]//a[contains(@class,'inbox-request')]"));
            carol.await().click(By.id("decision:claim"));
            carol.await().text(By.id("decision:unclaim"));
            assertThat(carol.await().text(By.id("waiting"))).contains("carol");
            carol.screenshot("approvals-claimed");
            // Unclaiming hands it back to the group; approving then claims and decides in one go.
            carol.await().click(By.id("decision:unclaim"));
            carol.await().text(By.id("decision:claim"));
            assertThat(carol.await().text(By.id("waiting"))).doesNotContain("carol");
            carol.await().type(By.id("decision:comment"), "checked with the on-call DBA");
            carol.await().click(By.id("decision:approve"));
            carol.await().textContaining(By.id("status"), "APPROVED");
            assertThat(carol.await().text(By.id("decisions"))).contains("carol").contains("checked with the on-call DBA");
            assertThat(page.findElements(By.id("decision:approve"))).as("an ended request takes no decisions").isEmpty();
            carol.screenshot("approvals-approved");
        }

        try (Browser eve = new Browser(1440, 1000)) {
            eve.signIn(url("my-requests.xhtml"), "eve");
            String row = eve.await().textContaining(By.xpath("//tr[.//div[text()='" + requestId + "']]"), "APPROVED");
            assertThat(row).contains("2 of 2");
        }

        try (Browser alice = new Browser(1440, 1000)) {
            alice.signIn(url("processes.xhtml?state=FINISHED"), "alice");
            String row = alice.await().text(By.xpath("//tr[.//a[text()='" + requestId + "']]"));
            assertThat(row).contains("gatehouse-access-request").contains("eve").contains("APPROVED");
            alice.screenshot("processes");
        }
    }

    @Test
    void eveRunsAFlaggedUpdateBobAndCarolApproveItRunsOnceAndAThirdRunIsRefused() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String connection = "ui-apdp-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connection, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply rule = alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"updates-need-approval","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}"""
                .formatted(connection));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        Psql held = eveRuns(connection, UPDATE);
        assertThat(held.exit()).isNotZero();
        Matcher id = APPROVAL_REQUIRED.matcher(held.stderr());
        assertThat(id.find()).as(held.stderr()).isTrue();
        String requestId = id.group(1);
        assertThat(held.stderr()).contains("approvals.xhtml?id=" + requestId);

        try (Browser bob = new Browser(1440, 1100)) {
            bob.signIn(url("approvals.xhtml?id=" + requestId), "bob");
            assertThat(bob.await().text(By.id("statement"))).containsIgnoringCase("update accounts set balance");
            bob.await().text(By.cssSelector("[id='statement'] .gh-sql-kw"));
            assertThat(bob.await().text(By.id("rule"))).isEqualTo("updates-need-approval");
            bob.screenshot("approvals-statement");
            approve(bob, "bob");
        }
        try (Browser carol = new Browser(1440, 1100)) {
            carol.signIn(url("approvals.xhtml?id=" + requestId), "carol");
            approve(carol, "carol");
            carol.await().textContaining(By.id("status"), "APPROVED");
        }

        Psql approved = eveRuns(connection, UPDATE);
        assertThat(approved.exit()).as(approved.stderr()).isZero();
        assertThat(approved.stdout()).contains("UPDATE 1");
        Psql again = eveRuns(connection, UPDATE);
        assertThat(again.exit()).isNotZero();
        Matcher next = APPROVAL_REQUIRED.matcher(again.stderr());
        assertThat(next.find()).as("single use: a second run needs a new approval\n" + again.stderr()).isTrue();
        assertThat(next.group(1)).isNotEqualTo(requestId);
    }

    /**
     * Issue 15, attack 3 in the inbox: the statement is shown as sent, with its newline, its comment
     * marked as a comment (and the code after the newline not), an invisible bidi character as an
     * escape, and beside it the parser's reading: one UPDATE of accounts.
     */
    @Test
    void theInboxShowsTheExactTextCommentsAndInvisibleCharactersAndTheParsersReading() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String connection = "ui-apx-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = alice.send("POST", "api/v1/connections", """
                {"name":"%s","type":"postgres","host":"127.0.0.1","port":%d,"database":"%s","username":"%s","secret":"%s",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}
                """.formatted(connection, target.port(), target.database(), PasswordCheckingPostgres.ROLE, target.password()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(alice.send("POST", "api/v1/guardrails", """
                {"connection":"%s","name":"updates-need-approval","action":"REQUIRE_APPROVAL","statements":["UPDATE"]}"""
                .formatted(connection)).status()).isEqualTo(201);
        String trick = "update accounts set balance = balance + 1 where id = 1 -- INC-1\u202E\nor id > 0";
        Psql held = eveRuns(connection, trick);
        Matcher id = APPROVAL_REQUIRED.matcher(held.stderr());
        assertThat(id.find()).as(held.stderr()).isTrue();
        String requestId = id.group(1);

        try (Browser bob = new Browser(1440, 1100)) {
            bob.signIn(url("approvals.xhtml?id=" + requestId), "bob");
            String statement = bob.await().textContaining(By.id("statement"), "INC-1");
            assertThat(statement).contains("-- INC-1\\u202E\nor id > 0").doesNotContain("\u202E");
            List<String> comments = bob.await().texts(By.cssSelector("#statement .gh-sql-comment"));
            assertThat(comments).containsExactly("-- INC-1\\u202E");
            assertThat(comments.get(0)).doesNotContain("id > 0");
            assertThat(bob.await().texts(By.cssSelector("#statement .gh-sql-escape"))).hasSize(1);
            assertThat(bob.await().texts(By.cssSelector("#reading .reading-class"))).containsExactly("UPDATE");
            assertThat(bob.await().text(By.cssSelector("#reading .reading-tables"))).contains("accounts");
            assertThat(bob.await().text(By.cssSelector("#reading .reading-write"))).isNotBlank();
            assertThat(bob.driver().findElements(By.id("readingDiffers"))).as("shown as the parser reads it").isEmpty();
            bob.screenshot("approvals-exact-statement");
            approve(bob, "bob");
        }
    }

    /** Approves the open request as {@code user} and waits until the page lists the decision. */
    private static void approve(Browser browser, String user) {
        browser.await().click(By.id("decision:approve"));
        browser.await().textContaining(By.id("decisions"), user);
    }

    private Psql eveRuns(String connection, String sql) throws Exception {
        return new DataPathClient(base).psql(connection, target.database(), Keycloak.userToken("eve"), "disable", "-c", sql);
    }

    /** Always localhost: Keycloak's dev realm accepts redirects to localhost only. */
    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
