package dev.gatehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.Scenarios;
import dev.gatehouse.it.TestDatabase;
import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.verify.ChainVerifier;
import dev.gatehouse.proxy.audit.verify.JdbcAuditSource;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
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

/**
 * Retention and legal hold in Payara Micro against the real store and Keycloak. Aged sessions are
 * recorded through the real recorder with old event times ({@link RetentionScenariosServlet}); an
 * admin shortens two connections' periods, an auditor holds one session and one connection, and
 * the purge runs through REST. The test then reads the store directly: what aged is gone, what is
 * young or held is untouched, and every audit row whose details were purged still links into the
 * hash chain exactly as before; finally {@link ChainVerifier}, the offline verifier, checks the
 * whole chain and its checkpoints.
 *
 * <p>The failsafe configuration turns the scheduled purge off (GATEHOUSE_RETENTION_PURGE_INTERVAL_SECONDS=0),
 * so only the runs these tests start touch the data.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionIT {

    private static final String SHORT_PERIODS = "{\"payloadDays\": 5, \"recordingDays\": 20, \"auditDays\": 5}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void agedDataIsPurgedWhileYoungAndHeldDataStaysAndTheChainStillLinks() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String purged = "ret-a-" + suffix;
        String held = "ret-b-" + suffix;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID oldSession = record(purged, now.minus(Duration.ofDays(40)), 2);
        UUID middleSession = record(purged, now.minus(Duration.ofDays(10)), 2);
        UUID youngSession = record(purged, now.minus(Duration.ofDays(1)), 2);
        UUID heldSession = record(purged, now.minus(Duration.ofDays(40)), 2);
        UUID heldConnectionSession = record(held, now.minus(Duration.ofDays(40)), 2);
        List<AuditRow> agedBefore = auditRows(oldSession, middleSession);
        List<AuditRow> keptBefore = auditRows(youngSession, heldSession, heldConnectionSession);
        assertThat(agedBefore).hasSize(8);
        assertThat(keptBefore).hasSize(12);

        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        expect(admin.send("PUT", "api/v1/retention/policies/" + purged, SHORT_PERIODS), 200);
        expect(admin.send("PUT", "api/v1/retention/policies/" + held, SHORT_PERIODS), 200);
        expect(auditor.send("PUT", "api/v1/sessions/" + heldSession + "/legal-hold", "{\"reason\": \"matter 2026-017\"}"), 200);
        Reply heldPolicy = auditor.send("PUT", "api/v1/retention/policies/" + held + "/legal-hold", "{\"reason\": \"regulator inquiry\"}");
        expect(heldPolicy, 200);
        assertThat(heldPolicy.json().getBoolean("legalHold")).isTrue();
        assertThat(heldPolicy.json().getString("legalHoldBy")).isEqualTo("dora");

        Reply run = admin.send("POST", "api/v1/retention/purge", null);
        expect(run, 200);
        JsonObject result = run.json();
        assertThat(result.getString("outcome")).isEqualTo("completed");
        assertThat(result.getString("triggeredBy")).isEqualTo("alice");
        JsonObject counts = result.getJsonObject("counts").getJsonObject(purged);
        assertThat(counts.getJsonNumber("payloads").longValue()).as("both aged sessions' statements").isEqualTo(4);
        assertThat(counts.getJsonNumber("statements").longValue()).as("the 40-day-old session's statements").isEqualTo(2);
        assertThat(counts.getJsonNumber("sessions").longValue()).isEqualTo(1);
        assertThat(counts.getJsonNumber("auditDetails").longValue()).as("start, two statements and end of both aged sessions").isEqualTo(8);
        assertThat(result.getJsonObject("counts").containsKey(held)).as("a held connection loses nothing").isFalse();
        assertThat(result.getJsonArray("heldConnections").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).contains(held);

        // Recordings: the oldest session is gone, the 10-day-old one lost only its payloads, the rest is untouched.
        assertThat(sessionExists(oldSession)).isFalse();
        assertThat(statements(oldSession)).isEmpty();
        assertThat(sessionExists(middleSession)).isTrue();
        assertThat(statements(middleSession)).hasSize(2).allSatisfy(s -> {
            assertThat(s.sql()).isNull();
            assertThat(s.parameters()).isNull();
            assertThat(s.payloadPurgedAt()).isNotNull();
        });
        for (UUID untouched : List.of(youngSession, heldSession, heldConnectionSession)) {
            assertThat(statements(untouched)).as("statements of %s", untouched).hasSize(2).allSatisfy(s -> {
                assertThat(s.sql()).startsWith("select * from accounts");
                assertThat(s.parameters()).contains("payload-value-");
                assertThat(s.payloadPurgedAt()).isNull();
            });
        }

        // Audit: aged details are NULL, the chain fields are exactly as before and still link.
        List<AuditRow> agedAfter = reread(agedBefore);
        assertThat(agedAfter).hasSize(8).allSatisfy(row -> assertThat(row.details()).isNull());
        for (int i = 0; i < agedBefore.size(); i++) {
            assertThat(agedAfter.get(i).chainFields()).isEqualTo(agedBefore.get(i).chainFields());
        }
        assertChainLinks(agedAfter);
        List<AuditRow> keptAfter = reread(keptBefore);
        assertThat(keptAfter).allSatisfy(row -> {
            assertThat(row.details()).isNotNull();
            assertThat(Digests.sha256Hex(CanonicalJson.write(CanonicalJson.parse(row.details())))).isEqualTo(row.detailsSha256());
        });
        assertChainLinks(keptAfter);

        // The run is in the audit trail, by whom, with the counts per connection and kind.
        long auditSeq = result.getJsonNumber("auditSeq").longValue();
        AuditRow purgedEvent = auditRowBySeq(auditSeq);
        assertThat(purgedEvent.action()).isEqualTo("retention.purged");
        assertThat(purgedEvent.actor()).isEqualTo("alice");
        JsonObject details = json(purgedEvent.details());
        assertThat(strings(details, "payloadsByConnection")).contains(purged + "=4");
        assertThat(strings(details, "statementsByConnection")).contains(purged + "=2");
        assertThat(strings(details, "sessionsByConnection")).contains(purged + "=1");
        assertThat(strings(details, "auditDetailsByConnection")).contains(purged + "=8");
        assertThat(strings(details, "heldConnections")).contains(held);
        assertChainLinks(List.of(purgedEvent));

        // The holds were audited with who and why.
        assertThat(auditActions("target_id = '" + heldSession + "' and action like 'retention.%'"))
                .containsExactly("retention.legal_hold_set:dora:matter 2026-017");
        assertThat(auditActions("target_type = 'connection' and target_name = '" + held + "' and action like 'retention.%'"))
                .containsExactly("retention.legal_hold_set:dora:regulator inquiry");

        // The API shows what happened: purged statements, the hold, the last run.
        JsonObject purgedStatement = auditor.send("GET", "api/v1/sessions/" + middleSession + "/statements", null).json()
                .getJsonArray("items").getJsonObject(0);
        assertThat(purgedStatement.containsKey("payloadPurgedAt")).isTrue();
        assertThat(purgedStatement.containsKey("sql")).as("no text once purged").isFalse();
        assertThat(auditor.send("GET", "api/v1/sessions/" + heldSession, null).json().getBoolean("legalHold")).isTrue();
        assertThat(auditor.send("GET", "api/v1/retention", null).json().getJsonObject("lastRun").getString("id"))
                .isEqualTo(result.getString("id"));

        // Released, the held data follows its periods at the next run.
        expect(auditor.send("DELETE", "api/v1/sessions/" + heldSession + "/legal-hold?reason=" + encode("matter closed"), null), 200);
        expect(auditor.send("DELETE", "api/v1/retention/policies/" + held + "/legal-hold?reason=" + encode("inquiry closed"), null), 200);
        JsonObject second = admin.send("POST", "api/v1/retention/purge", null).json();
        assertThat(second.getJsonObject("counts").getJsonObject(held).getJsonNumber("sessions").longValue()).isEqualTo(1);
        assertThat(second.getJsonObject("counts").getJsonObject(purged).getJsonNumber("sessions").longValue()).isEqualTo(1);
        assertThat(sessionExists(heldSession)).isFalse();
        assertThat(sessionExists(heldConnectionSession)).isFalse();
        assertThat(sessionExists(youngSession)).isTrue();
        assertThat(auditActions("target_id = '" + heldSession + "' and action like 'retention.%'"))
                .containsExactly("retention.legal_hold_set:dora:matter 2026-017", "retention.legal_hold_released:dora:matter closed");
        assertChainLinks(reread(keptBefore));

        // And the offline verifier, over the whole chain, finds it intact.
        VerificationReport report = verifyWholeChain(storedKeys());
        assertThat(report.intact()).as(report.humanText()).isTrue();
        assertThat(report.purgedDetails()).as("this test purged the details of 16 events").isGreaterThanOrEqualTo(16);
    }

    /**
     * The checkpoint keys as the store holds them. An examiner would take them from the published key
     * document instead; what this test is about is that retention leaves the chain intact.
     */
    private static PublicKeys storedKeys() throws Exception {
        List<PublicKeys.TrustedKey> keys = new ArrayList<>();
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        try (Connection db = TestDatabase.open(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select key_id, public_key, created_at, retired_at from audit_signing_key")) {
            while (rs.next()) {
                OffsetDateTime retired = rs.getObject(4, OffsetDateTime.class);
                keys.add(new PublicKeys.TrustedKey(rs.getString(1),
                        ed25519.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rs.getString(2)))),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), retired == null ? null : retired.toInstant()));
            }
        }
        return PublicKeys.of(keys);
    }

    private static VerificationReport verifyWholeChain(PublicKeys keys) throws Exception {
        try (Connection db = TestDatabase.open(); JdbcAuditSource source = JdbcAuditSource.open(db, SeqRange.WHOLE_CHAIN, "the IT store")) {
            return new ChainVerifier(keys).verify(source);
        }
    }

    @Test
    void invalidRequestsNameTheField() throws Exception {
        String connection = "ret-v-" + UUID.randomUUID().toString().substring(0, 8);
        UUID session = record(connection, Instant.now().minus(Duration.ofDays(1)), 1);
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        String path = "api/v1/retention/policies/" + connection;

        assertThat(fields(admin.send("PUT", path, "{\"payloadDays\": 30, \"recordingDays\": 10, \"auditDays\": 30}")))
                .containsExactly("recordingDays");
        assertThat(fields(admin.send("PUT", path, "{\"payloadDays\": 0, \"recordingDays\": 40000, \"auditDays\": 30}")))
                .containsExactly("payloadDays", "recordingDays");
        assertThat(fields(admin.send("PUT", path, "{\"payloadDays\": 5}"))).containsExactly("recordingDays", "auditDays");
        assertThat(fields(admin.send("PUT", "api/v1/retention/policies/no-such-" + connection, SHORT_PERIODS))).containsExactly("connection");
        assertThat(fields(admin.send("PUT", "api/v1/retention/policies/Not%20A%20Name", SHORT_PERIODS))).containsExactly("connection");
        assertThat(fields(admin.send("PUT", "api/v1/sessions/" + session + "/legal-hold", "{\"reason\": \"  \"}"))).containsExactly("reason");
        assertThat(fields(admin.send("PUT", path + "/legal-hold", "{}"))).containsExactly("reason");
        assertThat(fields(admin.send("DELETE", "api/v1/retention/policies/*", null))).containsExactly("connection");
        assertThat(fields(admin.send("PUT", "api/v1/retention/policies/*/legal-hold", "{\"reason\": \"everything\"}")))
                .containsExactly("connection");
        expect(admin.send("DELETE", path, null), 404);

        expect(admin.send("PUT", path, SHORT_PERIODS), 200);
        expect(admin.send("PUT", path + "/legal-hold", "{\"reason\": \"audit 2026\"}"), 200);
        assertThat(fields(admin.send("DELETE", path, null))).as("a held connection's policy stays").containsExactly("legalHold");
        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        assertThat(fields(auditor.send("DELETE", path + "/legal-hold", null))).containsExactly("reason");
        expect(auditor.send("DELETE", path + "/legal-hold?reason=" + encode("done"), null), 200);
        expect(admin.send("DELETE", path, null), 204);
        assertThat(admin.send("GET", path, null).json().getString("source")).isEqualTo("default");
    }

    @Test
    void adminsSetPeriodsAndPurgeAuditorsHoldAndOnlyAuditorsRelease() throws Exception {
        String connection = "ret-r-" + UUID.randomUUID().toString().substring(0, 8);
        UUID session = record(connection, Instant.now().minus(Duration.ofDays(1)), 1);
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        ApiClient auditor = new ApiClient(base).as(Keycloak.userToken("dora"));
        ApiClient user = new ApiClient(base).as(Keycloak.userToken("eve"));
        String hold = "api/v1/sessions/" + session + "/legal-hold";

        expect(user.send("GET", "api/v1/retention", null), 403);
        expect(user.send("PUT", hold, "{\"reason\": \"x\"}"), 403);
        expect(auditor.send("GET", "api/v1/retention", null), 200);
        expect(auditor.send("PUT", "api/v1/retention/policies/" + connection, SHORT_PERIODS), 403);
        expect(auditor.send("POST", "api/v1/retention/purge", null), 403);

        expect(admin.send("PUT", hold, "{\"reason\": \"admin keeps it\"}"), 200);
        expect(admin.send("PUT", hold, "{\"reason\": \"again\"}"), 200);
        expect(admin.send("DELETE", hold + "?reason=" + encode("admin lets go"), null), 403);
        assertThat(auditActions("target_id = '" + session + "' and action like 'retention.%'")).as("holding a held session records nothing")
                .containsExactly("retention.legal_hold_set:alice:admin keeps it");
        Reply released = auditor.send("DELETE", hold + "?reason=" + encode("reviewed"), null);
        expect(released, 200);
        assertThat(released.json().getBoolean("legalHold")).isFalse();

        assertThat(new ApiClient(base).send("GET", "openapi", null).body()).as("documented in OpenAPI")
                .contains("/api/v1/retention/policies/{connection}/legal-hold").contains("/api/v1/retention/purge")
                .contains("/api/v1/sessions/{id}/legal-hold").contains("RetentionPolicyRequest").contains("PurgeRun");
    }

    @Test
    void whileAnotherNodePurgesARunIsSkippedAndRecorded() throws Exception {
        ApiClient admin = new ApiClient(base).as(Keycloak.userToken("alice"));
        try (Connection otherNode = TestDatabase.open(); Statement st = otherNode.createStatement()) {
            st.execute("select pg_advisory_lock(" + RetentionLocks.PURGING_NODE + ")");
            Reply skipped = admin.send("POST", "api/v1/retention/purge", null);
            expect(skipped, 409);
            assertThat(skipped.json().getString("code")).isEqualTo("purge_in_progress");
            st.execute("select pg_advisory_unlock(" + RetentionLocks.PURGING_NODE + ")");
        }
        JsonObject last = admin.send("GET", "api/v1/retention/runs?limit=1", null).structure().asJsonArray().getJsonObject(0);
        assertThat(last.getString("outcome")).isEqualTo("skipped");
        assertThat(last.getString("triggeredBy")).isEqualTo("alice");
        expect(admin.send("POST", "api/v1/retention/purge", null), 200);
    }

    private UUID record(String connection, Instant startedAt, int statements) throws Exception {
        UUID session = UUID.randomUUID();
        assertThat(new Scenarios(base, "it/retention-scenarios").run("recordSessionWithPayloads", Map.of("session", session.toString(),
                "connection", connection, "startedAt", startedAt.toString(), "statements", String.valueOf(statements))))
                .isEqualTo("PASSED");
        return session;
    }

    /** The hash the stored fields give must be the stored hash, and each row must link to the row before it. */
    private static void assertChainLinks(List<AuditRow> rows) throws Exception {
        for (AuditRow row : rows) {
            ChainedEvent relinked = ChainedEvent.link(row.seq(), row.occurredAt(), row.action(), row.actor(), row.actorKind(),
                    row.clientAddress(), row.targetType(), row.targetId(), row.targetName(), row.outcome(), row.detailsSha256(),
                    row.prevHash());
            assertThat(relinked.hash()).as("hash of seq %d", row.seq()).isEqualTo(row.hash());
            String previous = row.seq() == 1 ? ChainedEvent.GENESIS : auditRowBySeq(row.seq() - 1).hash();
            assertThat(row.prevHash()).as("prev_hash of seq %d", row.seq()).isEqualTo(previous);
        }
    }

    private record AuditRow(long id, long seq, Instant occurredAt, String action, String actor, String actorKind, String clientAddress,
            String targetType, String targetId, String targetName, String outcome, String detailsSha256, String prevHash, String hash,
            String details) {

        List<Object> chainFields() {
            return List.of(id, seq, occurredAt, prevHash, hash, detailsSha256);
        }
    }

    private static final String AUDIT_COLUMNS = "select id, seq, occurred_at, action, actor, actor_kind, client_address, target_type,"
            + " target_id, target_name, outcome, details_sha256, prev_hash, hash, details::text from audit_event";

    private static List<AuditRow> auditRows(UUID... sessions) throws Exception {
        return query(AUDIT_COLUMNS + " where details ->> 'sessionId' = any (?::text[]) order by seq", (db, st) ->
                st.setArray(1, db.createArrayOf("text", java.util.Arrays.stream(sessions).map(UUID::toString).toArray())));
    }

    /** The same rows read again, by id: once purged, their details no longer name the session. */
    private static List<AuditRow> reread(List<AuditRow> rows) throws Exception {
        return query(AUDIT_COLUMNS + " where id = any (?) order by seq", (db, st) ->
                st.setArray(1, db.createArrayOf("bigint", rows.stream().map(AuditRow::id).toArray())));
    }

    private static AuditRow auditRowBySeq(long seq) throws Exception {
        List<AuditRow> rows = query(AUDIT_COLUMNS + " where seq = ?", (db, st) -> st.setLong(1, seq));
        assertThat(rows).as("audit row seq %d", seq).hasSize(1);
        return rows.getFirst();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection db, PreparedStatement st) throws java.sql.SQLException;
    }

    private static List<AuditRow> query(String sql, Binder binder) throws Exception {
        try (Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement(sql)) {
            binder.bind(db, st);
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)));
                }
            }
            return rows;
        }
    }

    private record StoredStatement(String sql, String parameters, Instant payloadPurgedAt) {
    }

    private static List<StoredStatement> statements(UUID session) throws Exception {
        try (Connection db = TestDatabase.open();
                PreparedStatement st = db.prepareStatement("select sql_text, parameters, payload_purged_at from data_statement"
                        + " where session_id = ? order by sequence")) {
            st.setObject(1, session);
            List<StoredStatement> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime purgedAt = rs.getObject(3, OffsetDateTime.class);
                    rows.add(new StoredStatement(rs.getString(1), rs.getString(2), purgedAt == null ? null : purgedAt.toInstant()));
                }
            }
            return rows;
        }
    }

    private static boolean sessionExists(UUID session) throws Exception {
        try (Connection db = TestDatabase.open(); PreparedStatement st = db.prepareStatement("select 1 from data_session where id = ?")) {
            st.setObject(1, session);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** "action:actor:reason" of the audit rows matching {@code where}, in chain order. */
    private static List<String> auditActions(String where) throws Exception {
        try (Connection db = TestDatabase.open(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select action, actor, details ->> 'reason' from audit_event where " + where + " order by seq")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
            return rows;
        }
    }

    private static List<String> fields(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field")).toList();
    }

    private static void expect(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    }

    private static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
