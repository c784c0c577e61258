package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceFixture.S_CRM;
import static dev.gatehouse.evidence.collect.EvidenceFixture.S_MALLORY;
import static dev.gatehouse.evidence.collect.EvidenceFixture.S_PAY;
import static dev.gatehouse.evidence.collect.EvidenceFixture.S_PAY_SPANNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackProgress;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every appendix of a pack over the fixture holds exactly the in-scope rows of the period, in CSV and in JSON. */
class AppendicesTest {

    static ScratchStore store;
    static MemoryPack pack = new MemoryPack();
    static Map<String, Long> counts;

    @BeforeAll
    static void write() throws Exception {
        store = ScratchStore.create("gh_evidence_appx");
        try (Connection c = store.owner()) {
            EvidenceFixture.seed(c);
        }
        try (Connection c = store.application()) {
            counts = Appendices.writeAll(EvidenceFixture.SCOPE, EvidenceFixture.IN_SCOPE, EvidenceFixture.INVENTORY, c, pack, PackProgress.IGNORED);
            assertThat(c.getAutoCommit()).as("the connection is handed back as it came").isTrue();
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyAppendixIsWrittenAsCsvAndJsonWithTheSameRows() {
        assertThat(counts.keySet()).containsExactlyElementsOf(Appendices.NAMES);
        for (String name : Appendices.NAMES) {
            List<Map<String, String>> csv = csv(name);
            JsonObject json = json(name);
            assertThat(json.getString("appendix")).isEqualTo(name);
            assertThat(json.getJsonObject("period").getString("from")).isEqualTo("2026-03-01T00:00:00Z");
            assertThat(json.getJsonArray("connections").getValuesAs(v -> ((jakarta.json.JsonString) v).getString())).containsExactly("crm", "pay");
            assertThat(json.getJsonArray("rows")).as(name).hasSize(csv.size());
            assertThat(json.getJsonNumber("row_count").longValue()).as(name).isEqualTo(csv.size()).isEqualTo(counts.get(name));
        }
    }

    @Test
    void sessionsAndStatementsAreExactlyThoseOfThePeriodOnConnectionsInScope() {
        assertThat(column("sessions", "session_id")).containsExactlyInAnyOrder(S_PAY.toString(), S_CRM.toString(),
                S_PAY_SPANNING.toString(), S_MALLORY.toString());
        assertThat(keys("statements")).containsExactlyInAnyOrder(S_PAY + "#1", S_PAY + "#2", S_PAY + "#3", S_PAY + "#4", S_PAY + "#5",
                S_PAY + "#6", S_CRM + "#1", S_PAY_SPANNING + "#2");
        assertThat(jsonColumn("statements", r -> r.getString("session_id") + "#" + r.getJsonNumber("sequence").longValue()))
                .containsExactlyElementsOf(keys("statements"));
    }

    @Test
    void statementsCarryHashTextAndMaskingCountsButNeverParameters() {
        Map<String, String> purged = row("statements", S_PAY + "#5");
        assertThat(purged.get("statement")).isEmpty();
        assertThat(purged.get("statement_purged")).isEqualTo("true");
        Map<String, String> masked = row("statements", S_CRM + "#1");
        assertThat(masked.get("masking")).isEqualTo("email:5;pan:2");
        Map<String, String> select = row("statements", S_PAY + "#1");
        assertThat(select.get("sql_sha256")).isEqualTo(sha256("select pan from cards where id = $1"));
        pack.files.keySet().forEach(path -> assertThat(pack.text(path)).as(path).doesNotContain(EvidenceFixture.SECRET_PARAMETER));
    }

    @Test
    void csvQuotesLineBreaksAndQuotesAndDefusesFormulas() {
        assertThat(row("statements", S_PAY + "#2").get("statement")).isEqualTo("delete from accounts where note = 'a, \"quoted\"\nsecond line'");
        assertThat(row("statements", S_PAY + "#6").get("statement")).isEqualTo("'=1+1");
        assertThat(column("identities", "identity")).contains("'=cmd|' /C calc'!A0");
        assertThat(jsonColumn("statements", r -> r.getString("statement"))).contains("=1+1");
        assertThat(pack.text("appendix/statements.csv")).startsWith("session_id,sequence,started_at,").contains("\r\n");
    }

    @Test
    void blockedCommandsJoinTheRecordingAndKeepAuditOnlyAttempts() {
        List<Map<String, String>> rows = csv("blocked-commands");
        assertThat(rows).extracting(r -> r.get("session_id") + "#" + r.get("sequence") + "/" + r.get("source"))
                .containsExactly(S_PAY + "#2/recording", S_PAY + "#3/recording", EvidenceFixture.UNKNOWN_SESSION + "#7/audit");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("audit_seq")).isNotEmpty());
        assertThat(rows).extracting(r -> r.get("held_for_approval")).containsExactly("false", "true", "false");
    }

    @Test
    void approvalsStepsAndGrantsAreThoseOfConnectionsInScope() {
        assertThat(column("approvals", "request_id")).containsExactly("req-1", "req-2", "req-4");
        assertThat(column("approvals", "status")).containsExactly("APPROVED", "APPROVED", "REJECTED");
        List<Map<String, String>> steps = csv("approval-steps");
        // 14 with the agent refused on req-4 (issue 17): a refused step is a step of the request.
        assertThat(steps).extracting(r -> r.get("request_id")).containsOnly("req-1", "req-2", "req-4").hasSize(14);
        assertThat(steps).filteredOn(r -> r.get("self_approval_attempt").equals("true"))
                .extracting(r -> r.get("actor") + " " + r.get("request_id")).containsExactly("alice req-1");
        assertThat(steps).filteredOn(r -> r.get("action").equals("approval.approved")).extracting(r -> r.get("comment"))
                .contains("ok, \"urgent\"");
        assertThat(column("access-grants", "request_id")).containsExactly("req-2");
        assertThat(column("denied-access", "action")).containsExactly("session.refused", "auth.rejected", "access.decided");
    }

    @Test
    void maskingRetentionLogAccessSiemAndReviewsAreScoped() {
        assertThat(csv("masking-coverage")).extracting(r -> r.get("rule") + "=" + r.get("masked_values") + "/" + r.get("statements_masked"))
                .containsExactly("pan=5/2", "email=5/1");
        assertThat(column("masking-exemptions", "exemption_id")).containsExactly(EvidenceFixture.id(41).toString());
        assertThat(csv("retention")).extracting(r -> r.get("connection") + ":" + r.get("policy") + ":" + r.get("payload_days"))
                .containsExactly("crm:*:400", "pay:pay:30", "*:*:400");
        assertThat(column("retention-runs", "run_id")).containsExactly(EvidenceFixture.id(51).toString(), EvidenceFixture.id(52).toString());
        assertThat(column("log-access", "action")).containsExactly("audit.session_viewed", "audit.verified", "evidence.downloaded");
        assertThat(column("access-reviews", "item_id")).containsExactly(EvidenceFixture.id(23).toString(), EvidenceFixture.id(24).toString());
        assertThat(column("access-revocations", "revocation_id")).containsExactly(EvidenceFixture.id(26).toString());
        Map<String, String> sink = csv("siem").getFirst();
        assertThat(sink.get("consecutive_failures")).isEqualTo("3");
        assertThat(Long.parseLong(sink.get("lag"))).isEqualTo(Long.parseLong(sink.get("chain_head_seq")) - 2);
        assertThat(pack.text("appendix/siem.csv") + pack.text("appendix/siem.json")).doesNotContain("hunter2").doesNotContain("SEALEDTOKEN");
    }

    @Test
    void identitiesListTheInventoryAndTheUnknownSessionIdentities() {
        List<Map<String, String>> rows = csv("identities");
        assertThat(rows).extracting(r -> r.get("identity")).hasSize(8).endsWith("mallory");
        Map<String, String> alice = rows.stream().filter(r -> r.get("identity").equals("alice")).findFirst().orElseThrow();
        assertThat(alice.get("sessions_in_period")).isEqualTo("1");
        assertThat(alice.get("last_used_at")).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(alice.get("auth_methods_in_period")).isEqualTo("password");
        Map<String, String> mallory = rows.getLast();
        assertThat(mallory.get("known_to_identity_provider")).isEqualTo("false");
        JsonObject bot = json("identities").getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("identity").equals("etl-bot")).findFirst().orElseThrow();
        assertThat(bot.getJsonArray("roles").getString(0)).isEqualTo("crm-user");
        assertThat(bot.getJsonNumber("sessions_in_period").longValue()).isEqualTo(1);
    }

    private static List<Map<String, String>> csv(String name) {
        return Csv.read(pack.text("appendix/" + name + ".csv"));
    }

    private static JsonObject json(String name) {
        return Json.createReader(new StringReader(pack.text("appendix/" + name + ".json"))).readObject();
    }

    private static List<String> column(String name, String column) {
        return csv(name).stream().map(r -> r.get(column)).toList();
    }

    private static List<String> jsonColumn(String name, Function<JsonObject, String> value) {
        return json(name).getJsonArray("rows").stream().map(JsonValue::asJsonObject).map(value).toList();
    }

    private static List<String> keys(String name) {
        return csv(name).stream().map(r -> r.get("session_id") + "#" + r.get("sequence")).toList();
    }

    private static Map<String, String> row(String name, String key) {
        return csv(name).stream().filter(r -> key.equals(r.get("session_id") + "#" + r.get("sequence"))).findFirst().orElseThrow();
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
