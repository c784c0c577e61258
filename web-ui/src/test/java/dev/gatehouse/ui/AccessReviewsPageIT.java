package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
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

/**
 * In headless Chromium: the auditor dora opens an access review from the menu's page and reads its
 * items, without the admins' Confirm/Revoke buttons; eve, a plain user, cannot reach the page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessReviewsPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAuditorOpensAReviewAndReadsItsItemsButAUserCannotReachThePage() throws Exception {
        String name = "UI review " + UUID.randomUUID().toString().substring(0, 8);
        // No target is dialled: the review only reads the catalog's allow list.
        Reply created = new ApiClient(base).as(Keycloak.userToken("alice")).send("POST", "api/v1/connections", """
                {"name":"ui-arv-%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"app","username":"app","secret":"x",
                 "tlsMode":"disable","allowedRoles":["gatehouse-user"]}""".formatted(UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (Browser browser = new Browser(1440, 1000)) {
            WebDriver page = browser.driver();
            browser.signIn(url("access-reviews.xhtml"), "dora");
            browser.await().textEquals(By.id("pageTitle"), "Access reviews");
            assertThat(page.findElements(By.xpath("//nav//a[contains(., 'Access reviews')]"))).as("in the menu for auditors").isNotEmpty();

            browser.await().type(By.id("openForm:name"), name);
            browser.await().click(By.id("openForm:openReview"));
            browser.await().textContaining(By.id("campaigns:campaignTable"), name);
            assertThat(browser.await().text(By.cssSelector(".ui-growl-item")))
                    .contains("Opening the review succeeded");
            browser.await().textContaining(By.id("campaign"), name);
            assertThat(browser.await().text(By.id("campaign:items"))).contains("eve").contains("role:gatehouse-user")
                    .contains("pending");
            assertThat(page.findElements(By.cssSelector("[id$=':revoke']"))).as("only admins decide").isEmpty();
            assertThat(page.findElements(By.id("campaign:close"))).as("auditors sign off").hasSize(1);
            browser.screenshot("access-reviews");
        }
        try (Browser eve = new Browser(1280, 900)) {
            eve.signIn(url("access-reviews.xhtml"), "eve");
            eve.await().text(By.id("forbidden"));
        }
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
