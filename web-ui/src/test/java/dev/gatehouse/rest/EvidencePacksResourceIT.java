package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.BusyPeriod;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evidence-pack API against Payara Micro, the real store and Keycloak: an auditor requests a
 * pack, cannot download it before it is completed, then downloads exactly the zip whose SHA-256
 * the history keeps, and each step is in the audit trail; invalid scopes are refused field by
 * field; no one but an auditor gets in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EvidencePacksResourceIT {

    private static final String PACKS = "api/v1/evidence/packs";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAuditorRequestsAPackFollowsItAndDownloadsTheZipTheHistoryDescribes() throws Exception {
        BusyPeriod.seed(); // the pack then takes seconds to build, so the download right after the request meets it unfinished
        String dora = Keycloak.userToken("dora");
        ApiClient api = new ApiClient(base).as(dora);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Reply started = api.send("POST", PACKS, """
                {"from":"%s","to":"%s","controls":["C5","C9"]}""".formatted(today.minusDays(7), today.plusDays(1)));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().getString("id");
        assertThat(started.location()).endsWith("/" + PACKS + "/" + id);
        assertThat(started.json().getString("requestedBy")).isEqualTo("dora");
        assertThat(started.json().getJsonObject("scope").getJsonArray("controls").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("C5", "C9");
        assertThat(started.json().getString("status")).isIn("queued", "running");

        Reply early = api.send("GET", PACKS + "/" + id + "/download", null);
        assertThat(early.status()).as("not downloadable before it is completed: " + early.body()).isEqualTo(409);
        assertThat(early.json().getString("code")).isEqualTo("pack_not_ready");

        JsonObject done = awaitCompleted(api, id);
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getString("sha256")).matches("[0-9a-f]{64}");
        assertThat(done.getString("fileName")).isEqualTo("evidence-" + id + ".zip");
        assertThat(done.containsKey("error")).as("no error on a completed pack").isFalse();

        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + PACKS + "/" + id + "/download"))
                .header("Authorization", "Bearer " + dora).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/zip"));
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"evidence-" + id + ".zip\"");
        assertThat(zip.headers().firstValue("X-Gatehouse-SHA256")).hasValue(done.getString("sha256"));
        assertThat(sha256(zip.body())).as("the bytes are the pack the history describes").isEqualTo(done.getString("sha256"));
        assertThat((long) zip.body().length).isEqualTo(done.getJsonNumber("sizeBytes").longValue());
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            assertThat(entries.getNextEntry()).as("a zip with at least one file").isNotNull();
        }

        assertThat(TestDatabase.auditActions(id)).containsSubsequence("evidence.requested", "evidence.generated", "evidence.downloaded");
        assertThat(TestDatabase.singleValue("select actor from audit_event where action = 'evidence.downloaded' and target_id = '" + id + "'"))
                .isEqualTo("dora");
        assertThat(TestDatabase.singleValue("select details ->> 'sha256' from audit_event where action = 'evidence.downloaded'"
                + " and target_id = '" + id + "'")).isEqualTo(done.getString("sha256"));
        assertThat(TestDatabase.singleValue("select details ->> 'controls' from audit_event where action = 'evidence.requested'"
                + " and target_id = '" + id + "'")).isEqualTo("[\"C5\", \"C9\"]");

        List<JsonObject> history = api.send("GET", PACKS, null).structure().asJsonArray().getValuesAs(JsonObject.class);
        assertThat(history).extracting(p -> p.getString("id")).contains(id);
        assertThat(history).extracting(p -> Instant.parse(p.getString("requestedAt")))
                .as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void invalidScopesAreRefusedNamingTheField() throws Exception {
        ApiClient api = new ApiClient(base).as(Keycloak.userToken("dora"));

        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"2026-03-01","to":"2026-02-01"}"""))).containsExactly("to: the period must end after it starts");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"to":"2026-02-01"}"""))).containsExactly("from: the start of the period is required");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"2020-01-01","to":"2024-01-02"}"""))).containsExactly("from: the period must not be longer than 3 years");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"2026-01-01","to":"%s"}""".formatted(LocalDate.now(ZoneOffset.UTC).plusDays(3)))))
                .containsExactly("to: the period must not end more than a day from now");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"yesterday","to":"2026-02-01"}""")))
                .containsExactly("from: must be an ISO-8601 instant (2026-01-01T00:00:00Z) or a date (2026-01-01)");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"2026-01-01","to":"2026-02-01","connections":["no-such-connection-9f3"]}""")))
                .containsExactly("connections: no connection named 'no-such-connection-9f3' is known");
        assertThat(fieldErrors(api.send("POST", PACKS, """
                {"from":"2026-01-01","to":"2026-02-01","controls":["C7","C16"],"labels":["prod"]}""")))
                .containsExactly("labels: 'prod' must be key=value (key: a-z, 0-9, '_', '.', '/', '-')",
                        "controls: 'C16' is not a control (C1 to C15)");
        assertThat(api.send("POST", PACKS, null).status()).isEqualTo(400);
        assertThat(TestDatabase.singleValue("select count(*) from evidence_pack where period_from = '2020-01-01T00:00:00Z'"))
                .as("nothing was queued").isEqualTo("0");
    }

    @Test
    void anUnknownPackIsNotFoundAndOnlyAuditorsGetIn() throws Exception {
        ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
        String unknown = UUID.randomUUID().toString();
        assertThat(dora.send("GET", PACKS + "/" + unknown, null).status()).isEqualTo(404);
        assertThat(dora.send("GET", PACKS + "/" + unknown + "/download", null).status()).isEqualTo(404);
        assertThat(dora.send("GET", PACKS + "/not-a-uuid", null).status()).isEqualTo(400);

        for (String user : List.of("eve", "alice")) {
            ApiClient other = new ApiClient(base).as(Keycloak.userToken(user));
            assertThat(other.send("GET", PACKS, null).status()).as(user).isEqualTo(403);
            assertThat(other.send("POST", PACKS, """
                    {"from":"2026-01-01","to":"2026-02-01"}""").status()).as(user).isEqualTo(403);
        }
        assertThat(new ApiClient(base).send("GET", PACKS, null).status()).isEqualTo(401);
    }

    private JsonObject awaitCompleted(ApiClient api, String id) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            JsonObject pack = api.send("GET", PACKS + "/" + id, null).json();
            String status = pack.getString("status");
            assertThat(status).as(pack.toString()).isNotEqualTo("failed");
            if (status.equals("completed")) {
                return pack;
            }
            assertThat(Instant.now()).as("pack still " + status + " after " + WAIT).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static List<String> fieldErrors(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field") + ": " + e.getString("message")).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
