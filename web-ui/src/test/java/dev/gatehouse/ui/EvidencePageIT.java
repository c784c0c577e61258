package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.Browser;
import dev.gatehouse.it.BusyPeriod;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Evidence page in headless Chromium: dora (auditor) picks a period, generates a pack, watches
 * its progress, and downloads exactly the zip whose SHA-256 the history shows, which is recorded
 * as her evidence.downloaded event; two packs asked for back to back are built at the same time
 * and both complete. eve (a plain user) gets the 403 page and no menu entry, and the API refuses her.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EvidencePageIT {

    private static final Duration PACK_WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @TempDir
    Path downloads;

    @Test
    void anAuditorGeneratesWatchesAndDownloadsAPack() throws Exception {
        BusyPeriod.seed(); // a pack over the last week then takes seconds: long enough to watch it move
        try (Browser browser = new Browser(1440, 1100)) {
            WebDriver page = browser.driver();
            browser.downloadTo(downloads);
            browser.signIn(url("evidence.xhtml"), "dora");
            browser.await().textEquals(By.id("pageTitle"), "Evidence");
            assertThat(page.findElements(By.id("navEvidence"))).as("auditors see the menu entry").isNotEmpty();
            assertThat(page.findElements(By.cssSelector("[id='packForm:controls'] input[type=checkbox]:checked")))
                    .as("every control is in scope by default").hasSize(15);

            String from = LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
            // Typed as the calendar's input shows it; typing through the popup calendar is not what this test is about.
            ((org.openqa.selenium.JavascriptExecutor) page).executeScript("document.getElementById('packForm:from_input').value = arguments[0];", from);
            assertThat(browser.await().property(By.id("packForm:from_input"), "value")).isEqualTo(from);
            Set<String> before = packIds(page);
            browser.await().click(By.id("packForm:generate"));

            String id;
            try {
                id = browser.await().until(d -> newPack(d, before));
            } catch (org.openqa.selenium.TimeoutException noPack) {
                browser.screenshot("evidence-not-generated");
                throw noPack;
            }
            List<String> seen = watchUntilCompleted(browser, id);
            assertThat(seen).as("the stage and progress shown while it was built").isNotEmpty()
                    .anySatisfy(s -> assertThat(s).matches("(queued|running): .* \\(\\d+%\\)"));
            assertThat(new LinkedHashSet<>(seen)).as("progress moved while we watched: " + seen).hasSizeGreaterThan(1);
            String row = browser.await().text(By.xpath(historyRow(id)));
            assertThat(row).contains("by dora").contains(from + " 00:00 to").contains("all connections").contains("completed");
            String shown = browser.await().text(By.xpath(historyRow(id) + "//*[contains(@class,'pack-sha256')]")).strip();
            assertThat(shown).matches("[0-9a-f]{64}");
            browser.screenshot("evidence");

            browser.await().click(By.xpath(historyRow(id) + "//button[contains(@id,':download')]"));
            Path zip = downloads.resolve("evidence-" + id + ".zip");
            browser.await().until(d -> Files.isRegularFile(zip) && !hasPartialDownload());
            byte[] bytes = Files.readAllBytes(zip);
            assertThat(sha256(bytes)).as("the downloaded zip is the one whose digest the history shows").isEqualTo(shown);
            try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                assertThat(entries.getNextEntry()).as("a zip with at least one file").isNotNull();
            }
            assertThat(TestDatabase.singleValue("select count(*) from audit_event where action = 'evidence.downloaded' and actor = 'dora'"
                    + " and target_id = '" + id + "' and details ->> 'sha256' = '" + shown + "'")).isEqualTo("1");

            Set<String> known = packIds(page);
            browser.await().click(By.id("packForm:generate"));
            String first = browser.await().until(d -> newPack(d, known));
            known.add(first);
            browser.await().click(By.id("packForm:generate"));
            String second = browser.await().until(d -> newPack(d, known));
            watchUntilCompleted(browser, first);
            watchUntilCompleted(browser, second);
            assertThat(TestDatabase.singleValue("select count(*) from evidence_pack a join evidence_pack b on a.id = '" + first
                    + "' and b.id = '" + second + "' where a.started_at < b.finished_at and b.started_at < a.finished_at"))
                    .as("the two packs were built at the same time").isEqualTo("1");
        }
    }

    @Test
    void aPlainUserGetsTheForbiddenPageAndTheApiRefusesHer() throws Exception {
        try (Browser browser = new Browser(1280, 800)) {
            WebDriver page = browser.driver();
            browser.signIn(url("index.xhtml"), "eve");
            browser.await().text(By.id("pageTitle"));
            assertThat(page.findElements(By.id("navEvidence"))).as("no menu entry for her").isEmpty();

            page.get(url("evidence.xhtml"));
            browser.await().text(By.id("forbidden"));
            assertThat(page.findElements(By.id("packForm:generate"))).isEmpty();

            String cookies = page.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("evidence.xhtml")))
                    .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("a real 403, in her own session").isEqualTo(403);
            assertThat(refused.body()).contains("Your roles do not allow this page").doesNotContain(".java:").doesNotContain("Stack");
        }
        ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
        assertThat(eve.send("GET", "api/v1/evidence/packs", null).status()).isEqualTo(403);
        assertThat(eve.send("POST", "api/v1/evidence/packs", "{\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}").status()).isEqualTo(403);
    }

    /** Reads the stage line of the pack while it is built, until its history row says completed. */
    private List<String> watchUntilCompleted(Browser browser, String id) {
        List<String> seen = new ArrayList<>();
        browser.await().upTo(PACK_WAIT).until(d -> {
            d.findElements(By.cssSelector(".gh-pack-job[data-pack='" + id + "'] .gh-pack-stage")).forEach(e -> seen.add(e.getText()));
            List<WebElement> row = d.findElements(By.xpath(historyRow(id) + "//*[contains(@class,'pack-status')]"));
            assertThat(row.isEmpty() ? "" : row.getFirst().getText()).as("pack " + id).isNotEqualTo("failed");
            return !row.isEmpty() && row.getFirst().getText().equals("completed");
        });
        return seen;
    }

    private static String newPack(WebDriver page, Set<String> before) {
        return packIds(page).stream().filter(id -> !before.contains(id)).findFirst().orElse(null);
    }

    /** Every pack on the page, being built or in the history (both carry data-pack). */
    private static Set<String> packIds(WebDriver page) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            page.findElements(By.cssSelector("[data-pack]")).forEach(e -> ids.add(e.getAttribute("data-pack")));
        } catch (StaleElementReferenceException polledAway) {
            return packIds(page);
        }
        return ids;
    }

    private static String historyRow(String id) {
        return "//tr[.//span[contains(@class,'pack-id') and @data-pack='" + id + "']]";
    }

    private boolean hasPartialDownload() {
        try (var files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private String url(String path) {
        return "http://localhost:" + base.getPort() + "/" + path;
    }
}
