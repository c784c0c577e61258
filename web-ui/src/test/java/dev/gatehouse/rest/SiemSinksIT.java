package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.transport.HttpReceiver;
import dev.gatehouse.audit.siem.transport.SyslogReceiver;
import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import dev.gatehouse.proxy.audit.CanonicalJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SIEM export as an admin and a SIEM see it, against Payara Micro, the real store and receivers
 * in this test: sinks created through the API deliver the chain's events from their cursor, in seq
 * order, in each documented format; the tokens never come back out; and only admins may change sinks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SiemSinksIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern CEF_SEQ = Pattern.compile("\\[gatehouse@32473 seq=\"(\\d+)\"]");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    /** Every answer the API gave in this test, to prove no token ever comes back. */
    private final List<String> answers = new CopyOnWriteArrayList<>();

    @Test
    void sinksDeliverTheChainInOrderInEveryFormatAndNeverShowTheirTokens() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hecToken = "it-hec-" + UUID.randomUUID();
        String bearer = "it-bearer-" + UUID.randomUUID();
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        List<String> sinkIds = new ArrayList<>();

        try (HttpReceiver ndjsonSiem = HttpReceiver.start(); HttpReceiver splunk = HttpReceiver.start(); HttpReceiver ocsfSiem = HttpReceiver.start();
                SyslogReceiver collector = SyslogReceiver.tcp(0)) {
            String ndjson = create(alice, sinkIds, """
                    {"name":"it-ndjson-%s","format":"ndjson","transport":"http","endpoint":"%s","token":"%s","startAt":"now"}"""
                    .formatted(suffix, ndjsonSiem.uri("/ingest"), bearer));
            create(alice, sinkIds, """
                    {"name":"it-hec-%s","format":"hec","transport":"http","endpoint":"%s","token":"%s","startAt":"now"}"""
                    .formatted(suffix, splunk.uri("/services/collector/event"), hecToken));
            create(alice, sinkIds, """
                    {"name":"it-ocsf-%s","format":"ocsf","transport":"http","endpoint":"%s","startAt":"now"}"""
                    .formatted(suffix, ocsfSiem.uri("/ocsf")));
            create(alice, sinkIds, """
                    {"name":"it-cef-%s","format":"cef","transport":"tcp","endpoint":"127.0.0.1:%d","startAt":"now"}"""
                    .formatted(suffix, collector.port()));

            // Audit events to export: a connection created and deleted through the API.
            Reply connection = send(alice, "POST", "api/v1/connections", """
                    {"name":"it-siem-%s","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres","username":"postgres","tlsMode":"disable"}"""
                    .formatted(suffix));
            assertThat(connection.status()).as(connection.body()).isEqualTo(201);
            String connectionId = connection.json().getString("id");
            assertThat(send(alice, "DELETE", "api/v1/connections/" + connectionId, null).status()).isEqualTo(204);

            // NDJSON over HTTP, with the bearer token.
            List<Map<String, Object>> events = awaitJson(ndjsonSiem::lines, lines -> targetOf(lines, connectionId).size() >= 2);
            assertContiguous(events.stream().map(e -> seq(e.get("seq"))).toList());
            List<Map<String, Object>> aboutConnection = targetOf(events, connectionId);
            assertThat(aboutConnection).extracting(e -> e.get("action")).containsExactly("connection.created", "connection.deleted");
            Map<String, Object> created = aboutConnection.getFirst();
            assertThat(map(created.get("actor"))).containsEntry("name", "alice").containsEntry("kind", "human");
            assertThat(map(created.get("target"))).containsEntry("type", "connection").containsEntry("name", "it-siem-" + suffix);
            assertThat(map(created.get("details"))).containsEntry("host", "127.0.0.1").containsEntry("port", new BigDecimal(5432));
            assertThat((String) created.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat((String) created.get("hash")).hasSize(64);
            assertThat(events.getFirst()).as("a sink's first event is its own creation").containsEntry("action", "siem_sink.created");
            assertThat(ndjsonSiem.requests()).allSatisfy(r -> {
                assertThat(r.authorization()).isEqualTo("Bearer " + bearer);
                assertThat(r.contentType()).isEqualTo("application/x-ndjson");
            });
            long createdSeq = seq(created.get("seq"));
            long deletedSeq = seq(aboutConnection.get(1).get("seq"));
            assertThat(chainRow(createdSeq)).as("the exported seq is the chain's").containsEntry("action", "connection.created")
                    .containsEntry("hash", created.get("hash"));

            // Splunk HEC, with the Splunk token; the event inside is the NDJSON event.
            List<Map<String, Object>> envelopes = awaitJson(splunk::lines, lines -> lines.stream()
                    .anyMatch(l -> seq(map(l.get("event")).get("seq")) == deletedSeq));
            assertContiguous(envelopes.stream().map(e -> seq(map(e.get("event")).get("seq"))).toList());
            Map<String, Object> hecCreated = envelopes.stream().filter(e -> seq(map(e.get("event")).get("seq")) == createdSeq).findFirst().orElseThrow();
            assertThat(hecCreated).containsEntry("source", "gatehouse").containsEntry("sourcetype", "gatehouse:audit").containsKey("host");
            assertThat(map(hecCreated.get("event"))).isEqualTo(created);
            assertThat(((BigDecimal) hecCreated.get("time")).longValue()).isEqualTo(Instant.parse((String) created.get("time")).getEpochSecond());
            assertThat(splunk.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Splunk " + hecToken));

            // OCSF over HTTP: API Activity for connection changes.
            List<Map<String, Object>> ocsf = awaitJson(ocsfSiem::lines, lines -> lines.stream()
                    .anyMatch(l -> seq(map(l.get("metadata")).get("sequence")) == deletedSeq));
            assertContiguous(ocsf.stream().map(e -> seq(map(e.get("metadata")).get("sequence"))).toList());
            Map<String, Object> ocsfCreated = ocsf.stream().filter(e -> seq(map(e.get("metadata")).get("sequence")) == createdSeq).findFirst()
                    .orElseThrow();
            assertThat(ocsfCreated).containsEntry("class_uid", new BigDecimal(6003)).containsEntry("activity_id", BigDecimal.ONE)
                    .containsEntry("type_uid", new BigDecimal(600301)).containsEntry("category_uid", new BigDecimal(6));
            assertThat(map(ocsfCreated.get("api"))).containsEntry("operation", "connection.created");
            assertThat(map(map(ocsfCreated.get("actor")).get("user"))).containsEntry("name", "alice");
            assertThat(map(ocsfCreated.get("metadata"))).containsEntry("version", "1.3.0").containsEntry("uid", Long.toString(createdSeq));
            assertThat(ocsf.stream().filter(e -> seq(map(e.get("metadata")).get("sequence")) == deletedSeq).findFirst().orElseThrow())
                    .containsEntry("type_uid", new BigDecimal(600304));

            // CEF over TCP syslog, octet-counted.
            List<String> messages = awaitMessages(collector, deletedSeq);
            assertThat(collector.framingErrors()).isEmpty();
            assertContiguous(messages.stream().map(SiemSinksIT::cefSeq).toList());
            String cefCreated = messages.stream().filter(m -> cefSeq(m) == createdSeq).findFirst().orElseThrow();
            assertThat(cefCreated).matches("<110>1 \\S+ \\S+ gatehouse - connection.created \\[gatehouse@32473 seq=\"\\d+\"] "
                    + "CEF:0\\|Gatehouse\\|Gatehouse\\|[^|]+\\|connection.created\\|Connection Created\\|3\\|.*")
                    .contains(" suser=alice ").contains(" act=connection.created ").contains(" cs1Label=connection cs1=it-siem-" + suffix + " ")
                    .contains(" cn1Label=seq cn1=" + createdSeq);

            // The status shows the delivery; an auditor may read it.
            ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
            JsonObject status = awaitStatus(dora, ndjson, s -> s.getJsonNumber("lag").longValue() == 0 || s.getJsonNumber("cursorSeq").longValue() >= deletedSeq);
            assertThat(status.getJsonNumber("deliveredCount").longValue()).isGreaterThanOrEqualTo(deletedSeq - createdSeq + 1);
            assertThat(status.getInt("consecutiveFailures")).isZero();
            assertThat(status.getString("lastDeliveredAt")).isNotBlank();

            // The test event: seq 0, outside the chain.
            Reply test = send(alice, "POST", "api/v1/audit/sinks/" + ndjson + "/test", null);
            assertThat(test.status()).as(test.body()).isEqualTo(200);
            assertThat(test.json().getBoolean("delivered")).as(test.body()).isTrue();
            Map<String, Object> probe = awaitJson(ndjsonSiem::lines, lines -> lines.stream().anyMatch(l -> seq(l.get("seq")) == 0)).stream()
                    .filter(l -> seq(l.get("seq")) == 0).findFirst().orElseThrow();
            assertThat(probe).containsEntry("action", "siem_sink.test").containsEntry("hash", null);

            // A disabled sink says so and keeps its token.
            Reply disabled = send(alice, "PUT", "api/v1/audit/sinks/" + ndjson, """
                    {"name":"it-ndjson-%s","format":"ndjson","transport":"http","endpoint":"%s","enabled":false}"""
                    .formatted(suffix, ndjsonSiem.uri("/ingest")));
            assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
            assertThat(disabled.json().getBoolean("enabled")).isFalse();
            assertThat(disabled.json().getBoolean("tokenSet")).isTrue();
            assertThat(disabled.json().getJsonObject("status").getString("state")).isEqualTo("disabled");
            assertThat(TestDatabase.auditActions(ndjson)).containsExactly("siem_sink.created", "siem_sink.tested", "siem_sink.updated");

            // The token stays sealed in the store and out of the audit trail.
            assertThat(sealedToken(ndjson)).startsWith("gh1:").doesNotContain(bearer);
            assertThat(String.join("\n", TestDatabase.auditDetails(ndjson))).doesNotContain(bearer).contains("tokenChanged");
        } finally {
            for (String id : sinkIds) {
                send(alice, "DELETE", "api/v1/audit/sinks/" + id, null);
            }
        }
        assertThat(TestDatabase.auditActions(sinkIds.getFirst())).endsWith("siem_sink.deleted");
        assertThat(answers).isNotEmpty().noneMatch(body -> body.contains(hecToken) || body.contains(bearer));
    }

    @Test
    void onlyAdminsChangeSinksAuditorsReadAndUsersGetNothing() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String body = """
                {"name":"it-roles-%s","format":"ndjson","transport":"file","endpoint":"roles.ndjson","startAt":"now","enabled":false}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8));
        List<String> ids = new ArrayList<>();
        String id = create(alice, ids, body);
        try {
            ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
            assertThat(send(eve, "GET", "api/v1/audit/sinks", null).status()).isEqualTo(403);
            assertThat(send(eve, "GET", "api/v1/audit/sinks/" + id, null).status()).isEqualTo(403);
            Reply eveCreates = send(eve, "POST", "api/v1/audit/sinks", body);
            assertThat(eveCreates.status()).isEqualTo(403);
            assertThat(eveCreates.json().getString("code")).isEqualTo("forbidden");
            assertThat(send(eve, "POST", "api/v1/audit/sinks/" + id + "/test", null).status()).isEqualTo(403);

            ApiClient dora = new ApiClient(base).as(Keycloak.userToken("dora"));
            Reply list = send(dora, "GET", "api/v1/audit/sinks", null);
            assertThat(list.status()).isEqualTo(200);
            assertThat(((JsonArray) list.structure()).getValuesAs(JsonObject.class)).extracting(s -> s.getString("id")).contains(id);
            assertThat(send(dora, "PUT", "api/v1/audit/sinks/" + id, body.replace("\"startAt\":\"now\",", "")).status()).isEqualTo(403);
            assertThat(send(dora, "DELETE", "api/v1/audit/sinks/" + id, null).status()).isEqualTo(403);
            assertThat(send(dora, "GET", "api/v1/audit/status", null).status()).as("the audit resource still routes beside the sinks")
                    .isEqualTo(200);

            assertThat(new ApiClient(base).send("GET", "api/v1/audit/sinks", null).status()).isEqualTo(401);
            Reply openapi = new ApiClient(base).send("GET", "openapi", null);
            assertThat(openapi.body()).contains("/api/v1/audit/sinks").contains("/api/v1/audit/sinks/{id}/test").contains("SiemSinkRequest")
                    .contains("SiemSinkStatus");
            assertThat(send(alice, "GET", "api/v1/audit/sinks/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        } finally {
            send(alice, "DELETE", "api/v1/audit/sinks/" + id, null);
        }
    }

    @Test
    void invalidSinksGetFieldErrors() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));

        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"it-bad","format":"cef","transport":"tcp","endpoint":"no-port-here"}"""), "endpoint", "host:port");
        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"it-bad","format":"hec","transport":"tcp","endpoint":"x:1"}"""), "transport", "http");
        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"it-bad","format":"hec","transport":"http","endpoint":"https://splunk:8088/services/collector/event"}"""), "token", "required");
        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"it-bad","format":"ndjson","transport":"file","endpoint":"../../etc/passwd"}"""), "endpoint", "inside");
        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"Bad Name","format":"ndjson","transport":"file","endpoint":"x.ndjson"}"""), "name", "a-z");
        assertFieldError(send(alice, "POST", "api/v1/audit/sinks", """
                {"name":"it-bad","format":"ndjson","transport":"http","endpoint":"https://u:secret@siem/"}"""), "endpoint", "credentials");
    }

    private String create(ApiClient api, List<String> ids, String body) throws Exception {
        Reply created = send(api, "POST", "api/v1/audit/sinks", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        ids.add(id);
        assertThat(created.location()).endsWith("/api/v1/audit/sinks/" + id);
        assertThat(created.json().containsKey("token")).isFalse();
        return id;
    }

    private Reply send(ApiClient api, String method, String path, String body) throws Exception {
        Reply reply = api.send(method, path, body);
        answers.add(reply.body() == null ? "" : reply.body());
        return reply;
    }

    private static void assertFieldError(Reply reply, String field, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getString("code")).isEqualTo("validation_failed");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .anySatisfy(e -> {
                    assertThat(e.getString("field")).isEqualTo(field);
                    assertThat(e.getString("message")).contains(messagePart);
                });
    }

    private JsonObject awaitStatus(ApiClient api, String id, java.util.function.Predicate<JsonObject> done) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Reply reply = send(api, "GET", "api/v1/audit/sinks/" + id, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonObject status = reply.json().getJsonObject("status");
            if (done.test(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            Thread.sleep(200);
        }
    }

    private static List<Map<String, Object>> awaitJson(Supplier<List<String>> lines, java.util.function.Predicate<List<Map<String, Object>>> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<Map<String, Object>> parsed = lines.get().stream().map(SiemSinksIT::parse).toList();
            if (done.test(parsed)) {
                return parsed;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the receiver did not get the expected events within " + WAIT + "; it got " + parsed.size() + " lines");
            }
            Thread.sleep(100);
        }
    }

    private static List<String> awaitMessages(SyslogReceiver collector, long untilSeq) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (collector.messages().stream().noneMatch(m -> cefSeq(m) == untilSeq)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the collector did not get seq " + untilSeq + "; it got " + collector.messages().size() + " messages");
            }
            Thread.sleep(100);
        }
        return collector.messages();
    }

    private static List<Map<String, Object>> targetOf(List<Map<String, Object>> events, String targetId) {
        return events.stream().filter(e -> targetId.equals(map(e.get("target")).get("id"))).toList();
    }

    /** Exported seqs: strictly increasing with no gap, as the chain is; the test event (0) is not part of it. */
    private static void assertContiguous(List<Long> seqs) {
        List<Long> chain = seqs.stream().filter(s -> s != 0).toList();
        assertThat(chain).isNotEmpty();
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i)).as("seq after " + chain.get(i - 1)).isEqualTo(chain.get(i - 1) + 1);
        }
    }

    private static Map<String, Object> chainRow(long seq) throws Exception {
        try (Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement("select action, hash from audit_event where seq = ?")) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Map.of("action", rs.getString(1), "hash", rs.getString(2));
            }
        }
    }

    private static String sealedToken(String sinkId) throws Exception {
        try (Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement("select sealed_token from siem_sink where id = ?::uuid")) {
            st.setString(1, sinkId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static long cefSeq(String message) {
        Matcher m = CEF_SEQ.matcher(message);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long seq(Object value) {
        return ((BigDecimal) value).longValueExact();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return (Map<String, Object>) CanonicalJson.parse(line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
